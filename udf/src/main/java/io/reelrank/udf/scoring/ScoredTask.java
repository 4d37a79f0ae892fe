package io.reelrank.udf.scoring;

/**
 * A {@link ScoringTask} with one score per candidate ({@code scores[i]} for row {@code i}) and
 * the {@code name/version} of the model that produced them. For a model with several heads
 * (contract v2) the score is their weighted fusion and {@code heads[h][i]} holds head {@code
 * headNames[h]}'s value for row {@code i}; both are null for a single-output model.
 */
public record ScoredTask(ScoringTask task, float[] scores, String modelVersion, String[] headNames, float[][] heads) {

    public ScoredTask {
        if (scores == null || task == null || scores.length != task.rows()) {
            throw new IllegalArgumentException(
                    "request " + (task == null ? null : task.requestId()) + ": expected one score per candidate");
        }
        if ((headNames == null) != (heads == null) || (heads != null && heads.length != headNames.length)) {
            throw new IllegalArgumentException("request " + task.requestId() + ": expected one value array per head");
        }
        if (heads != null) {
            for (float[] head : heads) {
                if (head == null || head.length != scores.length) {
                    throw new IllegalArgumentException(
                            "request " + task.requestId() + ": expected one head value per candidate");
                }
            }
        }
    }

    /** Scores of a single-output model. */
    public ScoredTask(ScoringTask task, float[] scores, String modelVersion) {
        this(task, scores, modelVersion, null, null);
    }
}
