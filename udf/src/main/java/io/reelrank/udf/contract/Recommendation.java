package io.reelrank.udf.contract;

import java.util.List;

/**
 * The top-N list for one user (topic {@code recommendations}, key user_id). {@code eventTs} is
 * the event time of what triggered it, {@code emittedTs} the wall-clock time it left the job.
 * {@code shortReason} is present only when the list holds fewer items than asked for, and says
 * why (e.g. candidates unknown to the catalog, already seen, capped per creator).
 */
public record Recommendation(
        String requestId,
        String userId,
        Trigger trigger,
        String modelVersion,
        long eventTs,
        long emittedTs,
        List<RecommendedItem> items,
        String shortReason) {

    public Recommendation {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A recommendation without a short reason. */
    public Recommendation(String requestId, String userId, Trigger trigger, String modelVersion, long eventTs,
                          long emittedTs, List<RecommendedItem> items) {
        this(requestId, userId, trigger, modelVersion, eventTs, emittedTs, items, null);
    }
}
