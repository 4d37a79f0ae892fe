package io.reelrank.eval;

import java.util.ArrayList;
import java.util.List;

/** HR@K and NDCG@K of one ranking method, accumulated over the test requests. */
public final class MethodScores {
    private final String method;
    private final int k;
    private double hits;
    private double ndcg;
    private int requests;

    public MethodScores(String method, int k) {
        this.method = method;
        this.k = k;
    }

    public void add(PositiveRank rank) {
        hits += rank.hitRate(k);
        ndcg += rank.ndcg(k);
        requests++;
    }

    public String method() {
        return method;
    }

    public int requests() {
        return requests;
    }

    public double hitRate() {
        return requests == 0 ? 0 : hits / requests;
    }

    public double ndcg() {
        return requests == 0 ? 0 : ndcg / requests;
    }

    /** The result row: method, HR@K, NDCG@K, requests. */
    public Result result() {
        return new Result(method, hitRate(), ndcg(), requests);
    }

    public record Result(String method, double hitRate, double ndcg, int requests) {}

    public static List<Result> results(List<MethodScores> scores) {
        List<Result> results = new ArrayList<>();
        scores.forEach(s -> results.add(s.result()));
        return results;
    }
}
