package io.reelrank.udf.scoring;

import io.reelrank.udf.contract.Trigger;

/**
 * One ranking request on its way into the scorer: every candidate of the request travels
 * together, so the scorer can batch whole requests and top-N sees all scores at once.
 *
 * <p>{@code features} holds one row per candidate, row-major, {@code width} columns in the
 * order of the model's feature spec; row {@code i} belongs to {@code videoIds[i]} and {@code
 * creatorIds[i]} (null when the creator is unknown). {@code n} is how many videos the request
 * wants back. {@code ingestMillis} is the wall-clock time the request entered ranking, for
 * end-to-end latency metrics.
 */
public record ScoringTask(
        String requestId,
        String userId,
        Trigger trigger,
        long eventTs,
        int n,
        String[] videoIds,
        String[] creatorIds,
        float[] features,
        int width,
        long ingestMillis) {

    public ScoringTask {
        if (videoIds == null || creatorIds == null || features == null) {
            throw new IllegalArgumentException("request " + requestId + ": candidate arrays must not be null");
        }
        if (creatorIds.length != videoIds.length) {
            throw new IllegalArgumentException(
                    "request " + requestId + ": " + videoIds.length + " video ids but " + creatorIds.length
                            + " creator ids");
        }
        if (width <= 0 || features.length != videoIds.length * width) {
            throw new IllegalArgumentException(
                    "request " + requestId + ": features hold " + features.length + " values, expected "
                            + videoIds.length + " rows x " + width + " columns");
        }
    }

    /** Number of candidates, i.e. feature rows. */
    public int rows() {
        return videoIds.length;
    }
}
