package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.rank.RankingSettings;
import io.reelrank.udf.scoring.SessionSettings;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The udf settings' {@code defaults()}, which the operator tests run with, are exactly what the
 * job builds from {@link ReelRankOptions}' defaults (udf cannot read the options, job can), so a
 * default changed on one side only fails here. Compared field by field, windows element by
 * element, so a field added later is compared too.
 */
class SettingsDefaultsTest {
    private static final JobSettings FROM_EMPTY_CONFIG = JobSettings.from(new Configuration());

    @Test
    void featureSettingsDefaultsAreTheOptionsDefaults() {
        assertThat(FeatureStateSettings.defaults())
                .as("FeatureStateSettings.defaults() against ReelRankOptions' reelrank.features.* defaults")
                .usingRecursiveComparison()
                .isEqualTo(FROM_EMPTY_CONFIG.features());
    }

    @Test
    void rankingSettingsDefaultsAreTheOptionsDefaults() {
        assertThat(RankingSettings.defaults())
                .as("RankingSettings.defaults() against ReelRankOptions' reelrank.ranking.* defaults")
                .usingRecursiveComparison()
                .isEqualTo(FROM_EMPTY_CONFIG.ranking());
    }

    @Test
    void sessionSettingsDefaultsAreTheOptionsDefaults() {
        assertThat(SessionSettings.defaults())
                .as("SessionSettings.defaults() against ReelRankOptions' ONNX Runtime defaults")
                .usingRecursiveComparison()
                .isEqualTo(FROM_EMPTY_CONFIG.scorer().session());
    }
}
