package io.reelrank.udf.featurelog;

/**
 * What serving saw of one scored request beyond its feature rows: the user's history exactly as
 * the task carried it to the scorer, newest first, so training builds the same sequence inputs.
 * One JSON line in the feature log's {@code requests} directory:
 * {@code {"request_id","user_id","trigger","event_ts","model_version","history_video_ids":[...],
 * "history_actions":[Action.code()...],"history_age_hours":[...]}}, the ages as
 * {@code RequestHistory.ageHours} computes them at the request's event time.
 */
public record FeatureLogRequest(
        String requestId,
        String userId,
        String trigger,
        long eventTs,
        String modelVersion,
        String[] historyVideoIds,
        int[] historyActions,
        float[] historyAgeHours) {}
