package io.reelrank.udf.features;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * A user's feature state in keyed state, written for RocksDB: two values per user (profile
 * and windowed counts), each read and written once per engagement and read once per request.
 * Both expire after the state TTL without writes, so idle users cost nothing forever; windowed
 * buckets also expire exactly, by event-time timers.
 */
public final class UserFeatureState {
    private final FeatureSettings settings;
    private final ValueState<UserProfile> profile;
    private final ValueState<WindowedCounts> counts;

    public UserFeatureState(RuntimeContext context, FeatureSettings settings) {
        this.settings = settings;
        StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(settings.stateTtlMs()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        // Hand-written serializers: RocksDB (de)serialises both values on every engagement.
        ValueStateDescriptor<UserProfile> profileDescriptor =
                new ValueStateDescriptor<>("user-profile", UserProfileSerializer.INSTANCE);
        profileDescriptor.enableTimeToLive(ttl);
        ValueStateDescriptor<WindowedCounts> countsDescriptor =
                new ValueStateDescriptor<>("user-counts", WindowedCountsSerializer.INSTANCE);
        countsDescriptor.enableTimeToLive(ttl);
        this.profile = context.getState(profileDescriptor);
        this.counts = context.getState(countsDescriptor);
    }

    /**
     * Learns from one engagement of the current user. {@code video} is the catalog record of
     * the engaged video, or null when unknown; windows whose bucket for the engagement had
     * expired at event time {@code now} are skipped. Returns the user's engagement count
     * afterwards.
     */
    public long learn(Engagement engagement, Video video, long now, TimerService timers) throws Exception {
        float completion = completionOf(engagement, video);
        WindowedCounts windowed = orNew(counts.value());
        windowed.add(settings.windows(), engagement.ts(), now, engagement.action(),
                engagement.watchMsOrZero(), completion, timers::registerEventTimeTimer);
        counts.update(windowed);
        UserProfile current = profile.value();
        current = current == null ? new UserProfile() : current;
        current.learn(engagement.action(), engagement.ts(), engagement.videoId(), video, completion, settings);
        profile.update(current);
        return current.engagements;
    }

    /** The current user's feature values as of {@code now}. */
    public UserFeatures features(long now) throws Exception {
        return UserFeatures.of(profile.value(), counts.value(), settings, now);
    }

    /** Drops the current user's buckets that expired at {@code watermark}. */
    public void expire(long watermark) throws Exception {
        WindowedCounts windowed = counts.value();
        if (windowed == null) {
            return;
        }
        if (windowed.prune(settings.windows(), watermark)) {
            counts.update(windowed);
        } else {
            counts.clear();
        }
    }

    private static float completionOf(Engagement engagement, Video video) {
        if (video == null || video.durationMs() <= 0) {
            return -1f;
        }
        return Math.min(1f, (float) engagement.watchMsOrZero() / video.durationMs());
    }

    private static WindowedCounts orNew(WindowedCounts value) {
        return value == null ? new WindowedCounts() : value;
    }
}
