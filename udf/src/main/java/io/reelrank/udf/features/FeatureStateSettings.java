package io.reelrank.udf.features;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;

/**
 * Everything that shapes the user and video feature state: the engagement windows, the
 * profile's half-life, bounds and action weights, the allowed lateness, the state TTL and how
 * many engagements each user's history keeps. Not the model's list of features, which is the
 * feature spec; windows must include those the spec names ("1h", "24h").
 */
public record FeatureStateSettings(
        WindowSpec[] windows,
        long profileHalfLifeMs,
        int maxTags,
        int maxCreators,
        int recentVideos,
        long allowedLatenessMs,
        long stateTtlMs,
        ActionWeights actionWeights,
        int historyLength)
        implements Serializable {

    /** Engagements kept per user for sequence models ({@link EngagementHistory}) unless set otherwise. */
    public static final int DEFAULT_HISTORY_LENGTH = 50;

    public FeatureStateSettings {
        if (windows.length == 0) {
            throw new IllegalArgumentException("at least one engagement window is needed");
        }
        if (profileHalfLifeMs <= 0 || maxTags <= 0 || maxCreators <= 0 || recentVideos <= 0) {
            throw new IllegalArgumentException("half-life and profile bounds must be positive");
        }
        if (allowedLatenessMs < 0 || stateTtlMs <= 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0 and state TTL > 0");
        }
        if (historyLength < 0) {
            throw new IllegalArgumentException("history length must be >= 0 (0 keeps no history), not " + historyLength);
        }
    }

    /** Settings that keep the default history length. */
    public FeatureStateSettings(WindowSpec[] windows, long profileHalfLifeMs, int maxTags, int maxCreators,
                                int recentVideos, long allowedLatenessMs, long stateTtlMs, ActionWeights actionWeights) {
        this(windows, profileHalfLifeMs, maxTags, maxCreators, recentVideos, allowedLatenessMs, stateTtlMs,
                actionWeights, DEFAULT_HISTORY_LENGTH);
    }

    public static FeatureStateSettings defaults() {
        return new FeatureStateSettings(
                new WindowSpec[] {
                    WindowSpec.of("1h", Duration.ofHours(1), Duration.ofMinutes(5)),
                    WindowSpec.of("24h", Duration.ofHours(24), Duration.ofHours(1))
                },
                Duration.ofHours(6).toMillis(),
                32,
                16,
                64,
                Duration.ofMinutes(10).toMillis(),
                Duration.ofDays(7).toMillis(),
                ActionWeights.defaults());
    }

    /** Index of the window with that name; fails with the configured names when absent. */
    public int windowIndex(String name) {
        for (int i = 0; i < windows.length; i++) {
            if (windows[i].name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no engagement window named '" + name + "'; configured: "
                + Arrays.stream(windows).map(WindowSpec::name).toList());
    }

    public FeatureStateSettings withWindows(WindowSpec... newWindows) {
        return new FeatureStateSettings(newWindows, profileHalfLifeMs, maxTags, maxCreators, recentVideos,
                allowedLatenessMs, stateTtlMs, actionWeights, historyLength);
    }

    public FeatureStateSettings withProfileHalfLife(Duration halfLife) {
        return new FeatureStateSettings(windows, halfLife.toMillis(), maxTags, maxCreators, recentVideos,
                allowedLatenessMs, stateTtlMs, actionWeights, historyLength);
    }

    public FeatureStateSettings withAllowedLateness(Duration lateness) {
        return new FeatureStateSettings(windows, profileHalfLifeMs, maxTags, maxCreators, recentVideos,
                lateness.toMillis(), stateTtlMs, actionWeights, historyLength);
    }

    public FeatureStateSettings withBounds(int newMaxTags, int newMaxCreators, int newRecentVideos) {
        return new FeatureStateSettings(windows, profileHalfLifeMs, newMaxTags, newMaxCreators, newRecentVideos,
                allowedLatenessMs, stateTtlMs, actionWeights, historyLength);
    }

    public FeatureStateSettings withStateTtl(Duration ttl) {
        return new FeatureStateSettings(windows, profileHalfLifeMs, maxTags, maxCreators, recentVideos,
                allowedLatenessMs, ttl.toMillis(), actionWeights, historyLength);
    }

    public FeatureStateSettings withHistoryLength(int length) {
        return new FeatureStateSettings(windows, profileHalfLifeMs, maxTags, maxCreators, recentVideos,
                allowedLatenessMs, stateTtlMs, actionWeights, length);
    }
}
