package io.reelrank.eval;

import io.reelrank.udf.contract.RankRequest;
import java.util.List;

/**
 * One rank request of the evaluation protocol: {@code positive} is the video the user engaged
 * with right after {@code ts}; the other candidates are videos the user never engaged with.
 * Test requests are scored; training requests only yield labelled feature rows.
 */
public record ProtocolRequest(String requestId, String userId, String positive, List<String> candidates,
                              long ts, boolean test) {

    public ProtocolRequest {
        candidates = List.copyOf(candidates);
        if (!candidates.contains(positive)) {
            throw new IllegalArgumentException(requestId + ": the positive must be a candidate");
        }
    }

    /** As sent to the job: every candidate comes back ranked (n is capped at the contract's 100). */
    public RankRequest toRankRequest(int maxN) {
        return new RankRequest(requestId, userId, candidates, Math.min(maxN, candidates.size()), ts);
    }
}
