package io.reelrank.eval;

import java.util.Map;

/**
 * Where the positive lands among a request's candidates, with ties broken uniformly at random
 * in expectation: a positive tied with {@code tied} others at {@code better} candidates above
 * takes each rank from {@code better + 1} to {@code better + tied + 1} with equal probability.
 * HR@K and NDCG@K are the exact expectations over those ranks, so a method that scores every
 * candidate alike earns exactly what a random order would, never the best case.
 */
public record PositiveRank(int better, int tied) {

    /** Candidates missing from {@code scores} (dropped by the ranker) rank below every scored one. */
    public static PositiveRank of(Map<String, Double> scores, Iterable<String> candidates, String positive) {
        double own = scores.getOrDefault(positive, Double.NEGATIVE_INFINITY);
        int better = 0;
        int tied = 0;
        for (String candidate : candidates) {
            if (candidate.equals(positive)) {
                continue;
            }
            double score = scores.getOrDefault(candidate, Double.NEGATIVE_INFINITY);
            if (score > own) {
                better++;
            } else if (score == own) {
                tied++;
            }
        }
        return new PositiveRank(better, tied);
    }

    public double hitRate(int k) {
        int inTopK = Math.max(0, Math.min(k, better + tied + 1) - better);
        return (double) inTopK / (tied + 1);
    }

    public double ndcg(int k) {
        double sum = 0;
        for (int rank = better + 1; rank <= Math.min(k, better + tied + 1); rank++) {
            sum += 1.0 / (Math.log(rank + 1) / Math.log(2));
        }
        return sum / (tied + 1);
    }
}
