package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** {@code reelrank.scoring.objectives} and {@code reelrank.output.head-scores} as the job reads them. */
class ScoringObjectivesSettingsTest {

    @Test
    void unsetKeepsEachModelsOwnObjectivesAndWritesNoHeadValues() {
        JobSettings settings = JobSettings.from(new Configuration());

        assertThat(settings.scorer().objectives()).isNull();
        assertThat(settings.headScores()).isFalse();
    }

    @Test
    void readsTheWeightsInTheirOrderAndTheHeadScoresFlag() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.SCORING_OBJECTIVES, "like:0.3,play:1.0");
        config.set(ReelRankOptions.OUTPUT_HEAD_SCORES, true);

        JobSettings settings = JobSettings.from(config);

        assertThat(settings.scorer().objectives()).containsExactly(Map.entry("like", 0.3), Map.entry("play", 1.0));
        assertThat(settings.headScores()).isTrue();
    }

    @Test
    void aMalformedValueSaysHowToWriteIt() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.SCORING_OBJECTIVES, "play=1");

        assertThatThrownBy(() -> JobSettings.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head:weight");
    }

    @Test
    void theScorerKnowsHowMuchHistoryTheJobKeeps() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.HISTORY_LENGTH, 12);

        assertThat(JobSettings.from(config).scorer().keptHistoryLength()).isEqualTo(12);
        assertThat(JobSettings.from(new Configuration()).scorer().keptHistoryLength()).isEqualTo(50);
    }
}
