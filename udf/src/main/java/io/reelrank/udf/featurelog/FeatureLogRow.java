package io.reelrank.udf.featurelog;

/**
 * What serving saw for one scored candidate: the request, the candidate, the feature row exactly
 * as the model received it (spec order), the model version that scored it, its score and the
 * feature-spec hash the row was assembled under. One JSON line in the feature log:
 * {@code {"request_id","user_id","video_id","trigger","event_ts","model_version",
 * "feature_spec_hash","score","features":[...]}}.
 */
public record FeatureLogRow(
        String requestId,
        String userId,
        String videoId,
        String trigger,
        long eventTs,
        String modelVersion,
        String featureSpecHash,
        float score,
        float[] features) {}
