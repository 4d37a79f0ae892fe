package io.reelrank.udf.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.ModelMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model reading more history than the job keeps is served with one warning per version saying what to raise. */
class HistoryLengthCheckTest {

    private static final List<String> HISTORY_INPUTS =
            List.of("features", "candidate_request", "history_ids", "history_mask");

    @Test
    void aModelReadingMoreThanTheJobKeepsIsToldWhichOptionToRaise() {
        assertThat(HistoryLengthCheck.shortfall(model("7", HISTORY_INPUTS, 50), 20)).hasValueSatisfying(warning ->
                assertThat(warning).contains("ranker/7", "history_length 50", "keeps 20", "rows 21..50",
                        "reelrank.features.history-length to 50"));
    }

    @Test
    void noWarningWhenTheJobKeepsEnoughOrTheModelReadsNoHistoryOrTheKeptLengthIsUnknown() {
        assertThat(HistoryLengthCheck.shortfall(model("7", HISTORY_INPUTS, 50), 50)).isEmpty();
        assertThat(HistoryLengthCheck.shortfall(model("7", HISTORY_INPUTS, 20), 50)).isEmpty();
        assertThat(HistoryLengthCheck.shortfall(model("7", List.of("features", "candidate_ids"), null), 0)).isEmpty();
        assertThat(HistoryLengthCheck.shortfall(model("7", HISTORY_INPUTS, 50), null)).isEmpty();
    }

    @Test
    void warnsOncePerModelVersion() {
        String version = "once-" + System.nanoTime();
        assertThat(HistoryLengthCheck.warnOnce(model(version, HISTORY_INPUTS, 8), 6)).isTrue();
        assertThat(HistoryLengthCheck.warnOnce(model(version, HISTORY_INPUTS, 8), 6)).as("same version").isFalse();
        assertThat(HistoryLengthCheck.warnOnce(model(version + "-next", HISTORY_INPUTS, 8), 6)).isTrue();
        assertThat(HistoryLengthCheck.warnOnce(model(version + "-fits", HISTORY_INPUTS, 6), 6)).isFalse();
    }

    private static ModelMetadata model(String version, List<String> inputs, Integer historyLength) {
        return new ModelMetadata("ranker", version, "hash", List.of("f0"), null, null, "sha", 17, Map.of(), null,
                null, 2, inputs, List.of("play"), historyLength, null, null);
    }
}
