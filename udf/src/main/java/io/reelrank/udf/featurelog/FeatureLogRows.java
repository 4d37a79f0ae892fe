package io.reelrank.udf.featurelog;

import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.Arrays;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Splits each scored request into one {@link FeatureLogRow} per candidate, taken from the
 * scorer's output, so the log holds the rows and the model version that actually produced each
 * score, not a recomputation.
 */
public class FeatureLogRows implements FlatMapFunction<ScoredTask, FeatureLogRow> {

    private final String featureSpecHash;

    public FeatureLogRows(String featureSpecHash) {
        this.featureSpecHash = featureSpecHash;
    }

    @Override
    public void flatMap(ScoredTask scored, Collector<FeatureLogRow> out) {
        ScoringTask task = scored.task();
        for (int row = 0; row < task.rows(); row++) {
            out.collect(new FeatureLogRow(task.requestId(), task.userId(), task.videoIds()[row],
                    task.trigger().wireName(), task.eventTs(), scored.modelVersion(), featureSpecHash,
                    scored.scores()[row],
                    Arrays.copyOfRange(task.features(), row * task.width(), (row + 1) * task.width())));
        }
    }
}
