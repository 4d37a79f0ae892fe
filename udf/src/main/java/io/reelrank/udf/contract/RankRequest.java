package io.reelrank.udf.contract;

import java.util.List;

/**
 * A ranking request from the upstream retrieval stage (topic {@code rank-requests}, key
 * user_id). {@code n} is optional; the job's default applies when it is absent.
 */
public record RankRequest(String requestId, String userId, List<String> candidates, Integer n, long ts) {

    public RankRequest {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
