package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Turns a scored request into its recommendation: the request's top {@code n} videos (see {@link
 * TopNSelector}) stamped with the model version that scored them and the wall-clock time they
 * leave the job.
 */
public final class TopNFunction extends RichMapFunction<ScoredTask, Recommendation> {

    private static final long serialVersionUID = 1L;

    private final int maxPerCreator;

    public TopNFunction(int maxPerCreator) {
        if (maxPerCreator < 1) {
            throw new IllegalArgumentException("maxPerCreator must be >= 1, got " + maxPerCreator);
        }
        this.maxPerCreator = maxPerCreator;
    }

    @Override
    public Recommendation map(ScoredTask scored) {
        ScoringTask task = scored.task();
        return new Recommendation(
                task.requestId(),
                task.userId(),
                task.trigger(),
                scored.modelVersion(),
                task.eventTs(),
                System.currentTimeMillis(),
                TopNSelector.select(task.videoIds(), task.creatorIds(), scored.scores(), task.n(), maxPerCreator));
    }
}
