package io.reelrank.udf.scoring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How a shadow model would have ranked one request compared with the serving model. Over the
 * serving model's top-N candidates: the Spearman rank correlation of the two models' scores (1 =
 * same order, -1 = reversed; NaN when fewer than 2 candidates or one model ties them all) and
 * the share of the serving top-N that the shadow model would also put in its top-N. Over all
 * candidates: the mean score shift, shadow minus serving.
 */
record ShadowComparison(double spearmanTopN, double topNOverlap, double meanScoreShift) {

    static ShadowComparison of(float[] serving, float[] shadow, int n) {
        if (serving.length != shadow.length || serving.length == 0) {
            throw new IllegalArgumentException("need one serving and one shadow score per candidate");
        }
        int topN = Math.min(Math.max(n, 1), serving.length);
        int[] servingTop = topIndices(serving, topN);
        int[] shadowTop = topIndices(shadow, topN);
        double shift = 0;
        for (int i = 0; i < serving.length; i++) {
            shift += shadow[i] - serving[i];
        }
        long shared = Arrays.stream(servingTop).filter(i -> Arrays.stream(shadowTop).anyMatch(j -> j == i)).count();
        return new ShadowComparison(
                spearman(pick(serving, servingTop), pick(shadow, servingTop)),
                (double) shared / topN,
                shift / serving.length);
    }

    private static int[] topIndices(float[] scores, int n) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    private static float[] pick(float[] scores, int[] indices) {
        float[] picked = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            picked[i] = scores[indices[i]];
        }
        return picked;
    }

    /** Pearson correlation of the average ranks, which is Spearman's rho with ties handled. */
    static double spearman(float[] a, float[] b) {
        if (a.length < 2) {
            return Double.NaN;
        }
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double mean = (a.length + 1) / 2.0;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (ra[i] - mean) * (rb[i] - mean);
            va += (ra[i] - mean) * (ra[i] - mean);
            vb += (rb[i] - mean) * (rb[i] - mean);
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    private static double[] ranks(float[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double average = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = average;
            }
            start = end + 1;
        }
        return ranks;
    }
}
