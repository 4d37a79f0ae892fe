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
 *
 * <p>The last {@code filledRows} rows are not the request's own candidates but fallback ones the
 * ranker added because too few of those were left ({@code reelrank.ranking.fill-short-lists});
 * {@code shortReason} says why fewer than {@code n} candidates are left, null when enough are.
 * Both were added after 0.1: in-flight tasks of older savepoints restore with 0 and null.
 *
 * <p>{@code history} is the user's last engagements at the request ({@link RequestHistory}),
 * which a model that declares {@code history_*} inputs reads; in-flight tasks of savepoints
 * taken before it existed restore with an empty one.
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
        long ingestMillis,
        int filledRows,
        String shortReason,
        RequestHistory history) {

    public ScoringTask {
        history = history == null ? RequestHistory.EMPTY : history;
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
        if (filledRows < 0 || filledRows > videoIds.length) {
            throw new IllegalArgumentException(
                    "request " + requestId + ": " + filledRows + " filled rows of " + videoIds.length);
        }
    }

    /** A task of the request's own candidates only, with at least {@code n} of them or no reason given. */
    public ScoringTask(String requestId, String userId, Trigger trigger, long eventTs, int n, String[] videoIds,
                       String[] creatorIds, float[] features, int width, long ingestMillis) {
        this(requestId, userId, trigger, eventTs, n, videoIds, creatorIds, features, width, ingestMillis, 0, null,
                RequestHistory.EMPTY);
    }

    /** A task without the user's history, as models without {@code history_*} inputs need. */
    public ScoringTask(String requestId, String userId, Trigger trigger, long eventTs, int n, String[] videoIds,
                       String[] creatorIds, float[] features, int width, long ingestMillis, int filledRows,
                       String shortReason) {
        this(requestId, userId, trigger, eventTs, n, videoIds, creatorIds, features, width, ingestMillis, filledRows,
                shortReason, RequestHistory.EMPTY);
    }

    /** Number of candidates, i.e. feature rows. */
    public int rows() {
        return videoIds.length;
    }
}
