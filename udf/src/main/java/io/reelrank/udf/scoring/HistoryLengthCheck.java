package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelMetadata;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when a model reads more history entries than the job keeps per user: such a model still
 * scores (rows past the kept entries are padding), but it never sees what it was given those rows
 * for, so its scores can drift from the ones it was evaluated with. Not a rejection: the model may
 * well have been trained on the job's own logged histories, which have the same padding.
 */
final class HistoryLengthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLengthCheck.class);
    /** Versions warned about in this JVM, so each model version logs one line however many scorers load it. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private HistoryLengthCheck() {}

    /**
     * The warning for a model reading {@code history_length} entries when the job keeps {@code
     * keptHistoryLength} per user; empty when it reads no more than that, reads no history, or the
     * kept length is unknown (null).
     */
    static Optional<String> shortfall(ModelMetadata metadata, Integer keptHistoryLength) {
        Integer modelLength = metadata.historyLength();
        boolean readsHistory = metadata.isV2() && metadata.inputs() != null
                && metadata.inputs().stream().anyMatch(input -> input.startsWith("history_"));
        if (keptHistoryLength == null || !readsHistory || modelLength == null || modelLength <= keptHistoryLength) {
            return Optional.empty();
        }
        return Optional.of("model " + metadata.modelVersion() + " reads history_length " + modelLength
                + " but this job keeps " + keptHistoryLength + " engagements per user, so history rows "
                + (keptHistoryLength + 1) + ".." + modelLength + " are always padding: raise"
                + " reelrank.features.history-length to " + modelLength + " (state grows with it) or retrain"
                + " the model with history_length " + keptHistoryLength);
    }

    /** Logs {@link #shortfall} as a WARN the first time this JVM sees the model version; true when it logged. */
    static boolean warnOnce(ModelMetadata metadata, Integer keptHistoryLength) {
        Optional<String> warning = shortfall(metadata, keptHistoryLength);
        if (warning.isEmpty() || !WARNED.add(metadata.modelVersion() + "@" + keptHistoryLength)) {
            return false;
        }
        LOG.warn(warning.get());
        return true;
    }
}
