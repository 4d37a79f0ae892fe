package io.reelrank.udf.state;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.WindowedCounts;
import io.reelrank.udf.rank.UserStateStore;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Savepoints from the two older layouts of the user state restore into {@link UserStateStore}
 * in RocksDB: two values per user ("user-profile", "user-counts") written by Flink's POJO
 * serializers, and the same two values written by the hand-written serializers. Each user's
 * engagement count and windowed counts carry over into the one {@link UserState}, and the older
 * values are cleared once taken over.
 */
class UserStateMigrationTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();
    private static final Video VIDEO = new Video("v1", "c1", List.of("food"), 10_000, T0, new float[] {1f, 0f}, false);

    @Test
    void twoPojoValuesFromAnOlderSavepointAreTakenOver() throws Exception {
        assertTakenOver(new TwoValueUserState(false));
    }

    @Test
    void twoHandWrittenValuesFromAnOlderSavepointAreTakenOver() throws Exception {
        assertTakenOver(new TwoValueUserState(true));
    }

    private static void assertTakenOver(TwoValueUserState older) throws Exception {
        OperatorSubtaskState savepoint;
        try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> before = harness(older)) {
            before.open();
            before.processElement(engagement("u1", Action.LIKE, T0), T0);
            before.processElement(engagement("u2", Action.PLAY, T0), T0);
            savepoint = before.snapshot(1L, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> after = harness(new CurrentUserState())) {
            after.initializeState(savepoint);
            after.open();
            after.processElement(engagement("u1", Action.PLAY, T0 + 1000), T0 + 1000);
            after.processElement(engagement("u3", Action.PLAY, T0 + 1000), T0 + 1000);
            // engagements / plays in the 24h window: u1's first engagement comes from the savepoint.
            assertThat(after.extractOutputValues()).containsExactly("2/1", "1/1");
            assertThat(keys(after, "user-profile")).as("u2 not touched yet").containsExactly("u2");
            assertThat(keys(after, "user-counts")).containsExactly("u2");
            assertThat(keys(after, UserStateStore.STATE_NAME)).containsExactlyInAnyOrder("u1", "u3");
            OperatorSubtaskState migrated = after.snapshot(2L, T0 + 1000);
            try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> again =
                    harness(new CurrentUserState())) {
                again.initializeState(migrated);
                again.open();
                again.processElement(engagement("u2", Action.PLAY, T0 + 2000), T0 + 2000);
                again.processElement(engagement("u1", Action.PLAY, T0 + 2000), T0 + 2000);
                assertThat(again.extractOutputValues()).containsExactly("2/2", "3/2");
                assertThat(keys(again, "user-profile")).isEmpty();
                assertThat(keys(again, UserStateStore.STATE_NAME)).containsExactlyInAnyOrder("u1", "u2", "u3");
            }
        }
    }

    private static List<String> keys(KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> harness,
                                     String state) {
        try (Stream<String> keys = harness.getOperator().<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.toList();
        }
    }

    private static Engagement engagement(String user, Action action, long ts) {
        return new Engagement("e-" + user + ts, user, "v1", action, null, ts);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> harness(
            KeyedProcessFunction<String, Engagement, String> function) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Engagement, String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), Engagement::userId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** The user state as it was declared before {@link UserState}: with the POJO or the hand-written serializers. */
    static final class TwoValueUserState extends KeyedProcessFunction<String, Engagement, String> {
        private final boolean handWritten;
        private transient ValueState<UserProfile> profile;
        private transient ValueState<WindowedCounts> counts;

        TwoValueUserState(boolean handWritten) {
            this.handWritten = handWritten;
        }

        @Override
        public void open(OpenContext context) {
            StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(SETTINGS.stateTtlMs()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build();
            ValueStateDescriptor<UserProfile> profileDescriptor = handWritten
                    ? new ValueStateDescriptor<>("user-profile", UserProfileSerializer.INSTANCE)
                    : new ValueStateDescriptor<>("user-profile", UserProfile.class);
            profileDescriptor.enableTimeToLive(ttl);
            ValueStateDescriptor<WindowedCounts> countsDescriptor = handWritten
                    ? new ValueStateDescriptor<>("user-counts", WindowedCountsSerializer.INSTANCE)
                    : new ValueStateDescriptor<>("user-counts", WindowedCounts.class);
            countsDescriptor.enableTimeToLive(ttl);
            profile = getRuntimeContext().getState(profileDescriptor);
            counts = getRuntimeContext().getState(countsDescriptor);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<String> out) throws Exception {
            WindowedCounts windowed = new WindowedCounts();
            windowed.add(SETTINGS.windows(), engagement.ts(), Long.MIN_VALUE, engagement.action(), 0, -1f, t -> {});
            counts.update(windowed);
            UserProfile learned = new UserProfile();
            learned.learn(engagement.action(), engagement.ts(), engagement.videoId(), VIDEO, -1f, SETTINGS);
            profile.update(learned);
            out.collect(learned.engagements + "/" + windowed.totals(SETTINGS.windows(), engagement.ts())[1].plays);
        }
    }

    static final class CurrentUserState extends KeyedProcessFunction<String, Engagement, String>
            implements CheckpointedFunction {
        private transient boolean restored;
        private transient UserStateStore state;

        @Override
        public void initializeState(FunctionInitializationContext context) {
            restored = context.isRestored();
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {}

        @Override
        public void open(OpenContext context) {
            state = new UserStateStore(getRuntimeContext(), SETTINGS, restored);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<String> out) throws Exception {
            long engagements = state.learn(engagement, VIDEO, context.timerService().currentWatermark(),
                    context.timerService());
            out.collect(engagements + "/" + state.featuresAt(engagement.ts()).window(1).plays);
        }
    }
}
