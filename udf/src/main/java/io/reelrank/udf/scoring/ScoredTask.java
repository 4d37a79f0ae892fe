package io.reelrank.udf.scoring;

/**
 * A {@link ScoringTask} with one score per candidate ({@code scores[i]} for row {@code i}) and
 * the {@code name/version} of the model that produced them.
 */
public record ScoredTask(ScoringTask task, float[] scores, String modelVersion) {

    public ScoredTask {
        if (scores == null || task == null || scores.length != task.rows()) {
            throw new IllegalArgumentException(
                    "request " + (task == null ? null : task.requestId()) + ": expected one score per candidate");
        }
    }
}
