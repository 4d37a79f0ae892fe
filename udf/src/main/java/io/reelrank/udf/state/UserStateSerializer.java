package io.reelrank.udf.state;

import io.reelrank.udf.features.EngagementHistory;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.WindowedCounts;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes {@link UserState} in keyed state: a presence byte and the profile's fields as
 * {@link UserProfileSerializer} lays them out but with {@link StringFormat#UTF8} strings, a
 * presence byte and the counts as {@link WindowedCountsSerializer} writes them, then the last
 * engagements ({@link EngagementHistoryLayout}). That is layout 2; layout 1, without the
 * history, is what savepoints before the history hold. Their {@link Snapshot} restores {@link
 * #LAYOUT_1}, which reads it (with an empty history), and Flink rewrites each value in layout 2.
 * A change to the layout needs a new snapshot version that still reads the older ones.
 */
public final class UserStateSerializer extends StateValueSerializer<UserState> {

    private static final long serialVersionUID = 1L;

    public static final UserStateSerializer INSTANCE = new UserStateSerializer();
    /** Reads (and writes) the layout without the history, for state restored from older savepoints. */
    static final Layout1 LAYOUT_1 = new Layout1();

    @Override
    public UserState createInstance() {
        return new UserState();
    }

    @Override
    public UserState copy(UserState from) {
        if (from == null) {
            return null;
        }
        return new UserState(UserProfileSerializer.INSTANCE.copy(from.profile),
                WindowedCountsSerializer.INSTANCE.copy(from.counts), EngagementHistoryLayout.copy(from.history));
    }

    @Override
    public void serialize(UserState state, DataOutputView out) throws IOException {
        writeProfileAndCounts(state, out);
        EngagementHistoryLayout.write(state.history, out);
    }

    @Override
    public UserState deserialize(DataInputView in) throws IOException {
        UserState state = readProfileAndCounts(in);
        state.history = EngagementHistoryLayout.read(in);
        return state;
    }

    private static void writeProfileAndCounts(UserState state, DataOutputView out) throws IOException {
        if (StateCodec.present(state.profile, out)) {
            UserProfileSerializer.write(state.profile, StringFormat.UTF8, out);
        }
        if (StateCodec.present(state.counts, out)) {
            WindowedCountsSerializer.INSTANCE.serialize(state.counts, out);
        }
    }

    private static UserState readProfileAndCounts(DataInputView in) throws IOException {
        UserProfile profile = in.readBoolean() ? UserProfileSerializer.read(StringFormat.UTF8, in) : null;
        WindowedCounts counts = in.readBoolean() ? WindowedCountsSerializer.INSTANCE.deserialize(in) : null;
        return new UserState(profile, counts, new EngagementHistory());
    }

    @Override
    public TypeSerializerSnapshot<UserState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Layout 1: the profile and the counts only; a value read in it has an empty history. */
    static final class Layout1 extends StateValueSerializer<UserState> {
        private static final long serialVersionUID = 1L;

        @Override
        public UserState createInstance() {
            return new UserState();
        }

        @Override
        public UserState copy(UserState from) {
            return INSTANCE.copy(from);
        }

        @Override
        public void serialize(UserState state, DataOutputView out) throws IOException {
            writeProfileAndCounts(state, out);
        }

        @Override
        public UserState deserialize(DataInputView in) throws IOException {
            return readProfileAndCounts(in);
        }

        @Override
        public TypeSerializerSnapshot<UserState> snapshotConfiguration() {
            return new UserStateSerializer.Snapshot(1);
        }
    }

    /**
     * Restores {@link UserStateSerializer}; public with a no-argument constructor for Flink.
     * Snapshot version 4 (this class's own) records the layout; versions 2 and 3, which
     * savepoints before the history wrote, mean layout 1.
     */
    public static class Snapshot extends StateValueSerializer.Snapshot<UserState> {
        private static final int VERSION_WITH_LAYOUT = 4;
        private int layout;

        public Snapshot() {
            this(2);
        }

        private Snapshot(int layout) {
            super(() -> INSTANCE);
            this.layout = layout;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION_WITH_LAYOUT;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(layout);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            if (readVersion == VERSION_WITH_LAYOUT) {
                layout = in.readInt();
                return;
            }
            super.readSnapshot(readVersion, in, classLoader);
            layout = 1;
        }

        @Override
        public TypeSerializer<UserState> restoreSerializer() {
            return switch (layout) {
                case 1 -> LAYOUT_1;
                case 2 -> INSTANCE;
                default -> throw new IllegalStateException("user state layout " + layout
                        + " is newer than this ReelRank knows (2); restore with the release that wrote it");
            };
        }

        @Override
        public TypeSerializerSchemaCompatibility<UserState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<UserState> old) {
            if (old instanceof Snapshot older && older.layout != layout) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}
