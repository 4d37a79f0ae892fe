package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.contract.Action;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class FeatureLogSettingsTest {

    @Test
    void positiveActionsDefaultToPlayLikeAndShare() {
        assertThat(FeatureLogSettings.from(new Configuration()).positiveActions())
                .containsExactlyInAnyOrder(Action.PLAY, Action.LIKE, Action.SHARE);
    }

    @Test
    void positiveActionsAreReadFromTheirWireNames() {
        Configuration config = Configuration.fromMap(Map.of(
                ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS.key(), "skip; play"));
        assertThat(FeatureLogSettings.from(config).positiveActions())
                .containsExactlyInAnyOrder(Action.SKIP, Action.PLAY);
    }

    @Test
    void anUnknownActionIsRefusedWithTheNamesThatWork() {
        Configuration config = Configuration.fromMap(Map.of(
                ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS.key(), "play;watch"));
        assertThatThrownBy(() -> FeatureLogSettings.from(config))
                .hasMessageContaining("'watch'")
                .hasMessageContaining("skip");
    }

    @Test
    void anEnabledLogNeedsAPath() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.FEATURE_LOG_ENABLED, true);
        assertThatThrownBy(() -> FeatureLogSettings.from(config))
                .hasMessageContaining(ReelRankOptions.FEATURE_LOG_PATH.key());
    }
}
