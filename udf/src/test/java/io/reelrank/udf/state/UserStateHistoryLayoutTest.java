package io.reelrank.udf.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.features.EngagementHistory;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.WindowedCounts;
import io.reelrank.udf.rank.UserStateStore;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The user state's layout 2 (with the last engagements) beside layout 1: round trip, copies,
 * the snapshot naming the layout, and a RocksDB savepoint in layout 1 restoring into today's
 * {@link UserStateStore} with an empty history that then fills.
 */
class UserStateHistoryLayoutTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();

    @Test
    void historyRoundTripsAndCopiesShareNothing() throws Exception {
        EngagementHistory history = new EngagementHistory();
        for (int i = 0; i < 60; i++) {
            history.add("v" + (i % 17), Action.fromCode(2 + i % 6).orElseThrow(), T0 + (i % 7) * 3_600_000L - i, 50);
        }
        history.add("ancient", Action.PLAY, Long.MIN_VALUE, 51);
        history.add("future", Action.PLAY, Long.MAX_VALUE, 52);
        UserState state = new UserState(new UserProfile(), new WindowedCounts(), history);

        UserState back = roundTrip(state);
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.history.size()).isEqualTo(52);
        assertThat(roundTrip(new UserState(null, null, null)).history).isNull();

        UserState copy = UserStateSerializer.INSTANCE.copy(state);
        copy.history.add("new", Action.LIKE, T0 + 100 * 3_600_000L, 50);
        copy.history.eventTs[1] = 0;
        assertThat(state.history.videoIds).doesNotContain("new");
        assertThat(state.history.eventTs[1]).isNotZero();
    }

    /** The per-user state budget (2 KiB) holds fifty entries: about 11 bytes each for ids like the generator's. */
    @Test
    void aFullHistoryOfFiftyTakesAboutElevenBytesAnEntry() throws Exception {
        EngagementHistory history = new EngagementHistory();
        long ts = T0;
        for (int i = 0; i < 50; i++) {
            ts += 60_000L + (i * 7_919L % 29) * 60_000L; // one to thirty minutes apart
            history.add("v" + (1000 + i * 173 % 9000), Action.PLAY, ts, 50);
        }
        DataOutputSerializer withHistory = new DataOutputSerializer(64);
        UserStateSerializer.INSTANCE.serialize(new UserState(null, null, history), withHistory);
        DataOutputSerializer without = new DataOutputSerializer(64);
        UserStateSerializer.LAYOUT_1.serialize(new UserState(null, null), without);

        int historyBytes = withHistory.length() - without.length();
        assertThat(historyBytes).isBetween(50 * 10, 50 * 11 + 8);
    }

    @Test
    void layout1ReadsWithAnEmptyHistory() throws Exception {
        UserProfile profile = new UserProfile();
        profile.learn(Action.PLAY, T0, "v1", null, -1f, SETTINGS);
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserStateSerializer.LAYOUT_1.serialize(new UserState(profile, new WindowedCounts()), out);

        UserState read = UserStateSerializer.LAYOUT_1.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(read.profile.engagements).isEqualTo(1);
        assertThat(read.history.size()).isZero();
    }

    @Test
    void theSnapshotRecordsTheLayout() throws Exception {
        assertThat(restored(UserStateSerializer.INSTANCE.snapshotConfiguration()).restoreSerializer())
                .isSameAs(UserStateSerializer.INSTANCE);
        TypeSerializerSnapshot<UserState> layout1 = restored(UserStateSerializer.LAYOUT_1.snapshotConfiguration());
        assertThat(layout1.restoreSerializer()).isSameAs(UserStateSerializer.LAYOUT_1);
        assertThat(UserStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(layout1)
                .isCompatibleAfterMigration()).isTrue();
        assertThat(UserStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(UserStateSerializer.INSTANCE.snapshotConfiguration())
                .isCompatibleAsIs()).isTrue();
    }

    @Test
    void aRocksDbSavepointInLayout1RestoresWithAnEmptyHistoryThatThenFills() throws Exception {
        OperatorSubtaskState savepoint;
        try (var before = harness(new Layout1UserState())) {
            before.open();
            before.processElement(engagement("u1", "v1", Action.LIKE, T0), T0);
            before.processElement(engagement("u2", "v2", Action.PLAY, T0), T0);
            savepoint = before.snapshot(1L, T0);
        }
        try (var after = harness(new HistoryOfCurrentUserState())) {
            after.initializeState(savepoint);
            after.open();
            after.processElement(engagement("u1", "v3", Action.SHARE, T0 + 1000), T0 + 1000);
            after.processElement(engagement("u1", "v4", Action.IMPRESSION, T0 + 2000), T0 + 2000);
            after.processElement(engagement("u3", "v1", Action.PLAY, T0 + 1000), T0 + 1000);
            // engagements so far / the history: u1's first engagement is in the profile, not the history
            assertThat(after.extractOutputValues()).containsExactly("2 [v3]", "3 [v3]", "1 [v1]");
            OperatorSubtaskState again = after.snapshot(2L, T0 + 2000);
            try (var restoredAgain = harness(new HistoryOfCurrentUserState())) {
                restoredAgain.initializeState(again);
                restoredAgain.open();
                restoredAgain.processElement(engagement("u2", "v5", Action.PLAY, T0 + 3000), T0 + 3000);
                restoredAgain.processElement(engagement("u1", "v6", Action.SKIP, T0 + 500), T0 + 500);
                assertThat(restoredAgain.extractOutputValues()).containsExactly("2 [v5]", "4 [v3, v6]");
            }
        }
    }

    private static UserState roundTrip(UserState state) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        UserStateSerializer.INSTANCE.serialize(state, out);
        return UserStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static TypeSerializerSnapshot<UserState> restored(TypeSerializerSnapshot<UserState> snapshot) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                UserStateHistoryLayoutTest.class.getClassLoader());
    }

    private static Engagement engagement(String user, String video, Action action, long ts) {
        return new Engagement("e-" + user + ts, user, video, action, null, ts);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> harness(
            KeyedProcessFunction<String, Engagement, String> function) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), Engagement::userId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** The user state as releases before the history declared it: same name and TTL, layout 1. */
    static final class Layout1UserState extends KeyedProcessFunction<String, Engagement, String> {
        private transient ValueState<UserState> state;

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<UserState> descriptor =
                    new ValueStateDescriptor<>(UserStateStore.STATE_NAME, UserStateSerializer.LAYOUT_1);
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(SETTINGS.stateTtlMs()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build());
            state = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<String> out) throws Exception {
            UserState user = new UserState();
            user.profile.learn(engagement.action(), engagement.ts(), engagement.videoId(), null, -1f, SETTINGS);
            state.update(user);
        }
    }

    static final class HistoryOfCurrentUserState extends KeyedProcessFunction<String, Engagement, String> {
        private transient UserStateStore state;

        @Override
        public void open(OpenContext context) {
            state = new UserStateStore(getRuntimeContext(), SETTINGS, false);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<String> out) throws Exception {
            long engagements = state.learn(engagement, null, context.timerService().currentWatermark(),
                    context.timerService());
            out.collect(engagements + " " + Arrays.toString(state.featuresAt(engagement.ts()).history().videoIds));
        }
    }
}
