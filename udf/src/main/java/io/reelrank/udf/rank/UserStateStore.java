package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.state.LegacyUserState;
import io.reelrank.udf.state.UserStateSerializer;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * The ranker's access to the current user's {@link UserState} in keyed state: learns from
 * engagements into it, and reads it as {@link UserFeatures} for a request ({@link #featuresAt}).
 * Written for RocksDB: one value per user (profile, counts and last engagements), read and written once per engagement and read once
 * per request. It expires after the state TTL without writes, so idle users cost nothing forever;
 * windowed buckets also expire exactly, by event-time timers (pruning them is a write, so an
 * idle user's TTL runs from its last bucket's expiry, at most the longest window after its last
 * engagement).
 *
 * <p>A job restored from a savepoint taken when the state was two values per user reads those
 * through {@link LegacyUserState} whenever a user has no {@link UserState} yet.
 */
public final class UserStateStore {
    public static final String STATE_NAME = "user-state";

    private final FeatureStateSettings settings;
    private final ValueState<UserState> state;
    private final LegacyUserState legacy;

    /**
     * {@code restored}: whether the job started from a checkpoint or savepoint, which may still
     * hold the older two values per user.
     */
    public UserStateStore(RuntimeContext context, FeatureStateSettings settings, boolean restored) {
        this.settings = settings;
        this.state = context.getState(descriptor(settings));
        this.legacy = restored ? new LegacyUserState(context, ttl(settings)) : null;
    }

    /** The state's descriptor: hand-written serializer (RocksDB (de)serialises it on every engagement), TTL. */
    public static ValueStateDescriptor<UserState> descriptor(FeatureStateSettings settings) {
        ValueStateDescriptor<UserState> descriptor = new ValueStateDescriptor<>(STATE_NAME, UserStateSerializer.INSTANCE);
        descriptor.enableTimeToLive(ttl(settings));
        return descriptor;
    }

    private static StateTtlConfig ttl(FeatureStateSettings settings) {
        return StateTtlConfig.newBuilder(Duration.ofMillis(settings.stateTtlMs()))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }

    /**
     * Learns from one engagement of the current user. {@code video} is the catalog record of
     * the engaged video, or null when unknown; windows whose bucket for the engagement had
     * expired at event time {@code now} are skipped. Returns the user's engagement count
     * afterwards.
     */
    public long learn(Engagement engagement, Video video, long now, TimerService timers) throws Exception {
        float completion = completionOf(engagement, video);
        UserState current = read();
        current = current == null ? new UserState() : current;
        current.counts.add(settings.windows(), engagement.ts(), now, engagement.action(),
                engagement.watchMsOrZero(), completion, timers::registerEventTimeTimer);
        current.profile.learn(engagement.action(), engagement.ts(), engagement.videoId(), video, completion, settings);
        current.history.add(engagement.videoId(), engagement.action(), engagement.ts(), settings.historyLength());
        state.update(current);
        return current.profile.engagements;
    }

    /** The current user's feature values and last engagements as of {@code now}. */
    public UserFeatures featuresAt(long now) throws Exception {
        UserState current = read();
        return current == null ? UserFeatures.of(null, null, settings, now)
                : UserFeatures.of(current.profile, current.counts, current.history, settings, now);
    }

    /** Drops the current user's buckets that expired at {@code watermark}. */
    public void expire(long watermark) throws Exception {
        UserState current = read();
        if (current == null) {
            return;
        }
        int before = current.counts.buckets.length;
        current.counts.prune(settings.windows(), watermark);
        if (current.counts.buckets.length != before) {
            state.update(current);
        }
    }

    private UserState read() throws Exception {
        UserState current = state.value();
        if (current != null || legacy == null) {
            return current;
        }
        UserState migrated = legacy.takeOver();
        if (migrated != null) {
            state.update(migrated);
        }
        return migrated;
    }

    private static float completionOf(Engagement engagement, Video video) {
        if (video == null || video.durationMs() <= 0) {
            return -1f;
        }
        return Math.min(1f, (float) engagement.watchMsOrZero() / video.durationMs());
    }
}
