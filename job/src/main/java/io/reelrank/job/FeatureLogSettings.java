package io.reelrank.job;

import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/** Whether the feature log is on, where its files go, and the label join's horizon. */
public record FeatureLogSettings(boolean enabled, String path, Duration labelHorizon) {

    public FeatureLogSettings {
        if (enabled && (path == null || path.isBlank())) {
            throw new IllegalArgumentException(ReelRankOptions.FEATURE_LOG_ENABLED.key() + " is true but "
                    + ReelRankOptions.FEATURE_LOG_PATH.key() + " is not set; give the directory to write the log to");
        }
        if (labelHorizon.isNegative() || labelHorizon.isZero()) {
            throw new IllegalArgumentException(ReelRankOptions.FEATURE_LOG_LABEL_HORIZON.key() + " must be positive");
        }
    }

    public static FeatureLogSettings from(ReadableConfig config) {
        return new FeatureLogSettings(config.get(ReelRankOptions.FEATURE_LOG_ENABLED),
                config.getOptional(ReelRankOptions.FEATURE_LOG_PATH).orElse(null),
                config.get(ReelRankOptions.FEATURE_LOG_LABEL_HORIZON));
    }
}
