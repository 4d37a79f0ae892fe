package io.reelrank.udf.featurelog;

/**
 * A logged row with its label: 1 when the same user played, liked or shared the same video at
 * or after the request time and within the label horizon, 0 otherwise. {@code labelAction} is
 * the action that made it positive (null for a negative). One JSON line of the training
 * examples that {@code models/train/train_ranker.py --data <dir>} reads directly:
 * {@code {"request_id","user_id","video_id","trigger","event_ts","model_version",
 * "feature_spec_hash","score","label","label_action","features":[...]}}.
 */
public record TrainingExample(
        String requestId,
        String userId,
        String videoId,
        String trigger,
        long eventTs,
        String modelVersion,
        String featureSpecHash,
        float score,
        int label,
        String labelAction,
        float[] features) {

    static TrainingExample positive(FeatureLogRow row, String action) {
        return of(row, 1, action);
    }

    static TrainingExample negative(FeatureLogRow row) {
        return of(row, 0, null);
    }

    private static TrainingExample of(FeatureLogRow row, int label, String action) {
        return new TrainingExample(row.requestId(), row.userId(), row.videoId(), row.trigger(), row.eventTs(),
                row.modelVersion(), row.featureSpecHash(), row.score(), label, action, row.features());
    }
}
