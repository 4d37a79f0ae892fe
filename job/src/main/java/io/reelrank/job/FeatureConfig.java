package io.reelrank.job;

import io.reelrank.udf.features.ActionWeights;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.WindowSpec;
import io.reelrank.udf.rank.RankingSettings;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.util.TimeUtils;

/** Turns ReelRank's options into the settings records the operators take. */
final class FeatureConfig {
    private FeatureConfig() {}

    static FeatureStateSettings features(ReadableConfig config) {
        return new FeatureStateSettings(
                windows(config.get(ReelRankOptions.WINDOWS)),
                config.get(ReelRankOptions.PROFILE_HALF_LIFE).toMillis(),
                config.get(ReelRankOptions.MAX_TAGS),
                config.get(ReelRankOptions.MAX_CREATORS),
                config.get(ReelRankOptions.RECENT_VIDEOS),
                config.get(ReelRankOptions.ALLOWED_LATENESS).toMillis(),
                config.get(ReelRankOptions.STATE_TTL).toMillis(),
                ActionWeights.defaults(),
                config.get(ReelRankOptions.HISTORY_LENGTH));
    }

    static RankingSettings ranking(ReadableConfig config) {
        return new RankingSettings(
                config.get(ReelRankOptions.DEFAULT_N),
                config.get(ReelRankOptions.MAX_PER_CREATOR),
                config.get(ReelRankOptions.REFRESH_EVERY),
                config.get(ReelRankOptions.REFRESH_CANDIDATES),
                config.get(ReelRankOptions.EVENT_TIME_ALIGNED),
                config.get(ReelRankOptions.FILL_SHORT_LISTS));
    }

    /** Parses "1h:5min,24h:1h": each window's name is its length, after the colon its bucket size. */
    static WindowSpec[] windows(String spec) {
        return Arrays.stream(spec.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(FeatureConfig::window)
                .toArray(WindowSpec[]::new);
    }

    private static WindowSpec window(String entry) {
        String[] parts = entry.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("window '" + entry + "' must look like 1h:5min (length:bucket)");
        }
        Duration length = TimeUtils.parseDuration(parts[0].trim());
        Duration bucket = TimeUtils.parseDuration(parts[1].trim());
        return WindowSpec.of(parts[0].trim(), length, bucket);
    }
}
