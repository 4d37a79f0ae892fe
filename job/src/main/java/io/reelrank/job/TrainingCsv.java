package io.reelrank.job;

import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;

/**
 * The training CSV that models/train/train_ranker.py reads: a {@code # feature_spec_hash=}
 * line the trainer checks, a header, then one labelled row per candidate with its features in
 * spec order.
 */
public final class TrainingCsv {
    private TrainingCsv() {}

    /** The hash line and the column header. */
    public static List<String> headerLines(FeatureSpec spec) {
        return List.of("# feature_spec_hash=" + spec.hash(),
                "request_id,user_id,video_id,label," + String.join(",", spec.names()));
    }

    /** Row {@code row} of {@code task}, labelled 1 when {@code positive}, without its line end. */
    public static String row(ScoringTask task, int row, boolean positive) {
        StringBuilder line = new StringBuilder(256)
                .append(task.requestId()).append(',').append(task.userId()).append(',')
                .append(task.videoIds()[row]).append(',').append(positive ? '1' : '0');
        int offset = row * task.width();
        for (int i = 0; i < task.width(); i++) {
            line.append(',').append(task.features()[offset + i]);
        }
        return line.toString();
    }
}
