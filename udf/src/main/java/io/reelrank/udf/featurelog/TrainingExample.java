package io.reelrank.udf.featurelog;

import io.reelrank.udf.contract.Action;
import java.util.Collection;

/**
 * A logged row with what the same user did with the same video at or after the request time and
 * within the label horizon. {@code label} is 1 when one of those engagements was a positive action
 * (by default a play, like or share) and {@code labelAction} names the earliest such one (null for
 * a negative). {@code actions} holds the sorted distinct wire names of all of them, positive or
 * not (impressions are not engagements with the video), and {@code watchMs} the largest watch time
 * among them, 0 when none, so that models can learn several objectives from one log. One JSON line
 * of the training examples that {@code models/train/train_ranker.py --data <dir>} reads directly:
 * {@code {"request_id","user_id","video_id","trigger","event_ts","model_version",
 * "feature_spec_hash","score","label","label_action","actions":[...],"watch_ms","features":[...]}}.
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
        String[] actions,
        long watchMs,
        float[] features) {

    /** {@code labelAction} null makes a negative; {@code actions} may repeat and come in any order. */
    static TrainingExample of(FeatureLogRow row, Action labelAction, Collection<Action> actions, long watchMs) {
        String[] names = actions.stream().map(Action::wireName).distinct().sorted().toArray(String[]::new);
        return new TrainingExample(row.requestId(), row.userId(), row.videoId(), row.trigger(), row.eventTs(),
                row.modelVersion(), row.featureSpecHash(), row.score(), labelAction == null ? 0 : 1,
                labelAction == null ? null : labelAction.wireName(), names, watchMs, row.features());
    }
}
