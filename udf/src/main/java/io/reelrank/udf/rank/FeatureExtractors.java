package io.reelrank.udf.rank;

import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoStats;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The Java side of the feature spec: one extractor per feature name. A spec naming a feature
 * this class does not know fails at job start, never at scoring time.
 */
final class FeatureExtractors {
    private static final float MISSING = Float.NaN;

    /**
     * Features whose extractor reads only the user (not the candidate, not the time): the same
     * for every candidate of a request, so assembly computes them once per request (with no
     * candidate: one listed here by mistake fails at once). One missing here is merely computed
     * per candidate.
     */
    private static final Set<String> USER_ONLY = Set.of(
            "user_plays_1h", "user_plays_24h", "user_like_rate_24h", "user_share_rate_24h",
            "user_skip_rate_24h", "user_completion_24h", "user_watch_minutes_24h", "user_has_history");

    /**
     * Features whose extractor reads only the candidate's video and its stats as of the request
     * time (not the user, not the time otherwise): the same for every request that sees the same
     * stats version, so they are computed once per catalog entry and version ({@link
     * PreparedVideo}). One listed here by mistake would serve stale values; {@code
     * VideoOnlyFeaturesTest} computes them both ways.
     */
    private static final Set<String> VIDEO_ONLY = Set.of(
            "video_plays_1h", "video_plays_24h", "video_like_rate_24h", "video_share_rate_24h",
            "video_skip_rate_24h", "video_completion_24h", "duration_seconds");

    private FeatureExtractors() {}

    static boolean userOnly(String name) {
        return USER_ONLY.contains(name);
    }

    static boolean videoOnly(String name) {
        return VIDEO_ONLY.contains(name);
    }

    static FeatureExtractor forName(String name, FeatureStateSettings settings, FeatureSpec spec) {
        return switch (name) {
            case "tag_cosine" -> (u, v, now) -> u.tagCosine(v.video().tags());
            case "embedding_cosine" -> (u, v, now) ->
                    v.video().embedding().length == 0 ? MISSING : u.embeddingCosine(v.video().embedding());
            case "creator_affinity" -> (u, v, now) -> u.creatorAffinity(v.video().creatorId());
            case "tag_profile_mass" -> (u, v, now) -> u.tagMass(v.video().tags());
            case "user_plays_1h" -> user(settings, "1h", c -> c.plays);
            case "user_plays_24h" -> user(settings, "24h", c -> c.plays);
            case "user_like_rate_24h" -> user(settings, "24h", EngagementCounts::likeRate);
            case "user_share_rate_24h" -> user(settings, "24h", EngagementCounts::shareRate);
            case "user_skip_rate_24h" -> user(settings, "24h", EngagementCounts::skipRate);
            case "user_completion_24h" -> user(settings, "24h", EngagementCounts::completion);
            case "user_watch_minutes_24h" -> user(settings, "24h", c -> c.watchMs / 60_000.0);
            case "video_plays_1h" -> video(settings, "1h", c -> c.plays);
            case "video_plays_24h" -> video(settings, "24h", c -> c.plays);
            case "video_like_rate_24h" -> video(settings, "24h", EngagementCounts::likeRate);
            case "video_share_rate_24h" -> video(settings, "24h", EngagementCounts::shareRate);
            case "video_skip_rate_24h" -> video(settings, "24h", EngagementCounts::skipRate);
            case "video_completion_24h" -> video(settings, "24h", EngagementCounts::completion);
            case "video_plays_decayed_30d" -> decayedPlays(spec.halfLifeMs(VideoStats.PLAYS_HALF_LIFE));
            case "freshness_hours" -> (u, v, now) -> Math.max(0f, (now - v.video().publishedTs()) / 3_600_000f);
            case "duration_seconds" -> (u, v, now) -> v.video().durationMs() / 1000f;
            case "user_has_history" -> (u, v, now) -> u.hasHistory() ? 1f : 0f;
            default -> throw new IllegalArgumentException("feature '" + name
                    + "' in the feature spec has no Java implementation in " + FeatureExtractors.class.getName());
        };
    }

    private static FeatureExtractor user(FeatureStateSettings settings, String window, ToDoubleFunction<EngagementCounts> value) {
        int index = settings.windowIndex(window);
        return (u, v, now) -> (float) value.applyAsDouble(u.window(index));
    }

    /**
     * Video stats as of the request time; missing (not zero) when the video had no engagement the
     * job had seen by then.
     */
    private static FeatureExtractor video(FeatureStateSettings settings, String window, ToDoubleFunction<EngagementCounts> value) {
        int index = settings.windowIndex(window);
        return (u, v, now) -> {
            VideoStats stats = v.statsAt(now);
            return stats == null ? MISSING : (float) value.applyAsDouble(stats.windows()[index]);
        };
    }

    /** Missing like the windowed video stats; the stats operator keeps the count with the same half-life. */
    private static FeatureExtractor decayedPlays(long halfLifeMs) {
        return (u, v, now) -> {
            VideoStats stats = v.statsAt(now);
            return stats == null ? MISSING : (float) stats.decayedPlaysAt(now, halfLifeMs);
        };
    }
}
