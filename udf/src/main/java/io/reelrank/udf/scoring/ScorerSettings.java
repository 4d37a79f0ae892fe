package io.reelrank.udf.scoring;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link BatchingScorer} batches: a batch is scored once it holds {@code maxBatchRows}
 * candidate rows or its oldest request has waited {@code maxWait}, whichever comes first, on one
 * of {@code scorerThreads} threads per scorer instance. A larger batch amortises the native call;
 * {@code maxWait} bounds the latency that costs when traffic is light. {@code objectives} (head
 * name to weight, {@code reelrank.scoring.objectives}) fuse a multi-head model's heads in place of
 * its model.json's; null or empty keeps the model's own. {@code keptHistoryLength} is how many
 * engagements the job keeps per user ({@code reelrank.features.history-length}): a model reading
 * more gets one warning per version ({@link HistoryLengthCheck}); null skips that check.
 */
public record ScorerSettings(int maxBatchRows, Duration maxWait, int scorerThreads, SessionSettings session,
                             Map<String, Double> objectives, Integer keptHistoryLength)
        implements Serializable {

    /** Settings that fuse heads as each model's model.json says. */
    public ScorerSettings(int maxBatchRows, Duration maxWait, int scorerThreads, SessionSettings session) {
        this(maxBatchRows, maxWait, scorerThreads, session, null, null);
    }

    /** Settings that do not know how much history the job keeps. */
    public ScorerSettings(int maxBatchRows, Duration maxWait, int scorerThreads, SessionSettings session,
                          Map<String, Double> objectives) {
        this(maxBatchRows, maxWait, scorerThreads, session, objectives, null);
    }

    public ScorerSettings {
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be >= 1, got " + maxBatchRows);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be >= 0 (0 scores every request on its own), got " + maxWait);
        }
        if (scorerThreads < 1) {
            throw new IllegalArgumentException("scorerThreads must be >= 1, got " + scorerThreads);
        }
        if (session == null) {
            throw new IllegalArgumentException("session settings must be set, e.g. SessionSettings.defaults()");
        }
        if (keptHistoryLength != null && keptHistoryLength < 0) {
            throw new IllegalArgumentException("keptHistoryLength must be >= 0 or null, got " + keptHistoryLength);
        }
        // Insertion order kept for messages; a LinkedHashMap is serializable, unlike an unmodifiable view of one.
        objectives = objectives == null || objectives.isEmpty() ? null : new LinkedHashMap<>(objectives);
    }
}
