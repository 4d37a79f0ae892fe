package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * A savepoint written while the user state still had Flink's POJO serializers restores into
 * {@link UserFeatureState} with the hand-written ones: RocksDB migrates every value.
 */
class UserStateMigrationTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private static final Video VIDEO = new Video("v1", "c1", List.of("food"), 10_000, T0, new float[] {1f, 0f}, false);

    @Test
    void pojoStateFromAnOlderSavepointIsMigrated() throws Exception {
        OperatorSubtaskState savepoint;
        try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, Long> before = harness(new PojoUserState())) {
            before.open();
            before.processElement(engagement("u1", Action.LIKE, T0), T0);
            before.processElement(engagement("u2", Action.PLAY, T0), T0);
            savepoint = before.snapshot(1L, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, Long> after = harness(new CurrentUserState())) {
            after.initializeState(savepoint);
            after.open();
            after.processElement(engagement("u1", Action.SHARE, T0 + 1000), T0 + 1000);
            after.processElement(engagement("u3", Action.PLAY, T0 + 1000), T0 + 1000);
            // The engagement count learned before the savepoint is read back through the migration.
            assertThat(after.extractOutputValues()).containsExactly(2L, 1L);
            OperatorSubtaskState migrated = after.snapshot(2L, T0 + 1000);
            try (KeyedOneInputStreamOperatorTestHarness<String, Engagement, Long> again =
                    harness(new CurrentUserState())) {
                again.initializeState(migrated);
                again.open();
                again.processElement(engagement("u2", Action.LIKE, T0 + 2000), T0 + 2000);
                assertThat(again.extractOutputValues()).containsExactly(2L);
            }
        }
    }

    private static Engagement engagement(String user, Action action, long ts) {
        return new Engagement("e-" + user + ts, user, "v1", action, null, ts);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Engagement, Long> harness(
            KeyedProcessFunction<String, Engagement, Long> function) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Engagement, Long> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), Engagement::userId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** The user state as it was declared before the hand-written serializers. */
    static final class PojoUserState extends KeyedProcessFunction<String, Engagement, Long> {
        private transient ValueState<UserProfile> profile;
        private transient ValueState<WindowedCounts> counts;

        @Override
        public void open(OpenContext context) {
            StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofMillis(SETTINGS.stateTtlMs()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build();
            ValueStateDescriptor<UserProfile> profileDescriptor = new ValueStateDescriptor<>("user-profile", UserProfile.class);
            profileDescriptor.enableTimeToLive(ttl);
            ValueStateDescriptor<WindowedCounts> countsDescriptor = new ValueStateDescriptor<>("user-counts", WindowedCounts.class);
            countsDescriptor.enableTimeToLive(ttl);
            profile = getRuntimeContext().getState(profileDescriptor);
            counts = getRuntimeContext().getState(countsDescriptor);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<Long> out) throws Exception {
            WindowedCounts windowed = new WindowedCounts();
            windowed.add(SETTINGS.windows(), engagement.ts(), Long.MIN_VALUE, engagement.action(), 0, -1f, t -> {});
            counts.update(windowed);
            UserProfile learned = new UserProfile();
            learned.learn(engagement.action(), engagement.ts(), engagement.videoId(), VIDEO, -1f, SETTINGS);
            profile.update(learned);
            out.collect(learned.engagements);
        }
    }

    static final class CurrentUserState extends KeyedProcessFunction<String, Engagement, Long> {
        private transient UserFeatureState state;

        @Override
        public void open(OpenContext context) {
            state = new UserFeatureState(getRuntimeContext(), SETTINGS);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<Long> out) throws Exception {
            long engagements = state.learn(engagement, VIDEO, context.timerService().currentWatermark(),
                    context.timerService());
            assertThat(state.features(engagement.ts())).isNotNull();
            out.collect(engagements);
        }
    }
}
