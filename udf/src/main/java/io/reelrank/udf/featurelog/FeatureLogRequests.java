package io.reelrank.udf.featurelog;

import io.reelrank.udf.scoring.RequestHistory;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * One {@link FeatureLogRequest} per scored request, taken from the task the scorer received, so
 * the log holds the history that actually went into the model, not a recomputation.
 */
public class FeatureLogRequests implements FlatMapFunction<ScoredTask, FeatureLogRequest> {

    @Override
    public void flatMap(ScoredTask scored, Collector<FeatureLogRequest> out) {
        out.collect(of(scored));
    }

    static FeatureLogRequest of(ScoredTask scored) {
        return of(scored.task(), scored.modelVersion());
    }

    /** The line of {@code task} as scored by {@code modelVersion}: its history with ages as the model reads them. */
    public static FeatureLogRequest of(ScoringTask task, String modelVersion) {
        RequestHistory history = task.history();
        int[] actions = new int[history.size()];
        float[] ages = new float[history.size()];
        for (int i = 0; i < history.size(); i++) {
            actions[i] = history.actions()[i];
            ages[i] = history.ageHours(i, task.eventTs());
        }
        return new FeatureLogRequest(task.requestId(), task.userId(), task.trigger().wireName(), task.eventTs(),
                modelVersion, history.videoIds().clone(), actions, ages);
    }
}
