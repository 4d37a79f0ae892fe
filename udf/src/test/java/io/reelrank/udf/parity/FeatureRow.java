package io.reelrank.udf.parity;

import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One assembled feature row, as both feature paths report it and the golden file stores it:
 * {@code {"request_id", "user_id", "video_id", "trigger", "event_ts", "features": [...]}}.
 */
record FeatureRow(String requestId, String userId, String videoId, String trigger, long eventTs, float[] features) {

    String key() {
        return requestId + "/" + videoId;
    }

    static List<FeatureRow> of(ScoringTask task) {
        List<FeatureRow> rows = new ArrayList<>(task.rows());
        for (int row = 0; row < task.rows(); row++) {
            rows.add(new FeatureRow(task.requestId(), task.userId(), task.videoIds()[row], task.trigger().wireName(),
                    task.eventTs(), Arrays.copyOfRange(task.features(), row * task.width(), (row + 1) * task.width())));
        }
        return rows;
    }
}
