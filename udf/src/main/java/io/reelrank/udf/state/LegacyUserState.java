package io.reelrank.udf.state;

import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.WindowedCounts;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The user state as savepoints before {@link UserState} hold it: two values per user,
 * "user-profile" and "user-counts", declared exactly as they were (serializers and TTL), so a
 * job restored from such a savepoint can still read them. Each user's values are taken over into
 * the one {@link UserState} the first time the job touches that user, and cleared; users the
 * job never touches again keep them until their TTL.
 */
public final class LegacyUserState {
    private final ValueState<UserProfile> profile;
    private final ValueState<WindowedCounts> counts;

    public LegacyUserState(RuntimeContext context, StateTtlConfig ttl) {
        ValueStateDescriptor<UserProfile> profileDescriptor =
                new ValueStateDescriptor<>("user-profile", UserProfileSerializer.INSTANCE);
        profileDescriptor.enableTimeToLive(ttl);
        ValueStateDescriptor<WindowedCounts> countsDescriptor =
                new ValueStateDescriptor<>("user-counts", WindowedCountsSerializer.INSTANCE);
        countsDescriptor.enableTimeToLive(ttl);
        this.profile = context.getState(profileDescriptor);
        this.counts = context.getState(countsDescriptor);
    }

    /** The current user's older values as one {@link UserState}, cleared here; null when there are none. */
    public UserState takeOver() throws Exception {
        UserProfile oldProfile = profile.value();
        WindowedCounts oldCounts = counts.value();
        if (oldProfile == null && oldCounts == null) {
            return null;
        }
        profile.clear();
        counts.clear();
        return new UserState(oldProfile == null ? new UserProfile() : oldProfile,
                oldCounts == null ? new WindowedCounts() : oldCounts);
    }
}
