package io.reelrank.udf.contract;

import java.util.List;

/**
 * The top-N list for one user (topic {@code recommendations}, key user_id). {@code eventTs} is
 * the event time of what triggered it, {@code emittedTs} the wall-clock time it left the job.
 */
public record Recommendation(
        String requestId,
        String userId,
        Trigger trigger,
        String modelVersion,
        long eventTs,
        long emittedTs,
        List<RecommendedItem> items) {

    public Recommendation {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
