package io.reelrank.udf.state;

import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.WindowedCounts;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link UserState} in keyed state: a presence byte and the profile's fields as
 * {@link UserProfileSerializer} lays them out but with {@link StringFormat#UTF8} strings, then a
 * presence byte and the counts as {@link WindowedCountsSerializer} writes them. The layout is
 * version 1 of {@link Snapshot}; a change to it needs a new snapshot version that still reads
 * this one.
 */
public final class UserStateSerializer extends StateValueSerializer<UserState> {

    private static final long serialVersionUID = 1L;

    public static final UserStateSerializer INSTANCE = new UserStateSerializer();

    @Override
    public UserState createInstance() {
        return new UserState();
    }

    @Override
    public UserState copy(UserState from) {
        if (from == null) {
            return null;
        }
        return new UserState(UserProfileSerializer.INSTANCE.copy(from.profile), WindowedCountsSerializer.INSTANCE.copy(from.counts));
    }

    @Override
    public void serialize(UserState state, DataOutputView out) throws IOException {
        if (StateCodec.present(state.profile, out)) {
            UserProfileSerializer.write(state.profile, StringFormat.UTF8, out);
        }
        if (StateCodec.present(state.counts, out)) {
            WindowedCountsSerializer.INSTANCE.serialize(state.counts, out);
        }
    }

    @Override
    public UserState deserialize(DataInputView in) throws IOException {
        UserProfile profile = in.readBoolean() ? UserProfileSerializer.read(StringFormat.UTF8, in) : null;
        WindowedCounts counts = in.readBoolean() ? WindowedCountsSerializer.INSTANCE.deserialize(in) : null;
        return new UserState(profile, counts);
    }

    @Override
    public TypeSerializerSnapshot<UserState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link UserStateSerializer}; public with a no-argument constructor for Flink. */
    public static class Snapshot extends StateValueSerializer.Snapshot<UserState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
