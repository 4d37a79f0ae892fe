package io.reelrank.udf.scoring;

import java.util.Arrays;

/**
 * What one native run returned for a batch: the fused score of every candidate row and, for a
 * contract v2 model, each head's value ({@code heads[h][row]} for head {@code headNames[h]});
 * both head arrays are null for a v1 model's single output.
 */
public record BatchScores(float[] fused, String[] headNames, float[][] heads) {

    /** Scores of a single-output model. */
    public static BatchScores single(float[] scores) {
        return new BatchScores(scores, null, null);
    }

    public int rows() {
        return fused.length;
    }

    /** The rows {@code from..to-1} as the scores of one task. */
    ScoredTask slice(ScoringTask task, int from, String modelVersion) {
        int to = from + task.rows();
        float[][] taskHeads = null;
        if (heads != null) {
            taskHeads = new float[heads.length][];
            for (int h = 0; h < heads.length; h++) {
                taskHeads[h] = Arrays.copyOfRange(heads[h], from, to);
            }
        }
        return new ScoredTask(task, Arrays.copyOfRange(fused, from, to), modelVersion, headNames, taskHeads);
    }
}
