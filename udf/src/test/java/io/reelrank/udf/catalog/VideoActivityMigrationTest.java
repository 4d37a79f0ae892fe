package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoActivity;
import org.apache.flink.api.common.functions.OpenContext;
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
 * A savepoint written while the video-stats state still had Flink's POJO serializer restores
 * into {@link VideoStatsFunction}'s state with {@link VideoActivitySerializer}: RocksDB migrates
 * every value, and it is written back in the new format.
 */
class VideoActivityMigrationTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();

    @Test
    void pojoVideoActivityFromAnOlderSavepointIsMigrated() throws Exception {
        OperatorSubtaskState savepoint;
        ValueStateDescriptor<VideoActivity> pojo = new ValueStateDescriptor<>("video-activity", VideoActivity.class);
        try (var before = harness(new Activity(pojo))) {
            before.open();
            before.processElement(play("v1", T0), T0);
            before.processElement(play("v1", T0 + 1000), T0 + 1000);
            before.processElement(play("v2", T0), T0);
            savepoint = before.snapshot(1L, T0 + 1000);
        }
        try (var after = harness(new Activity(VideoStatsFunction.activityState()))) {
            after.initializeState(savepoint);
            after.open();
            after.processElement(play("v1", T0 + 2000), T0 + 2000);
            after.processElement(play("v3", T0 + 2000), T0 + 2000);
            // Plays counted before the savepoint are read back through the migration.
            assertThat(after.extractOutputValues()).containsExactly(3, 1);
            OperatorSubtaskState migrated = after.snapshot(2L, T0 + 2000);
            try (var again = harness(new Activity(VideoStatsFunction.activityState()))) {
                again.initializeState(migrated);
                again.open();
                again.processElement(play("v2", T0 + 3000), T0 + 3000);
                assertThat(again.extractOutputValues()).containsExactly(2);
            }
        }
    }

    private static Engagement play(String video, long ts) {
        return new Engagement("e-" + video + ts, "u1", video, Action.PLAY, 5_000L, ts);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Engagement, Integer> harness(
            KeyedProcessFunction<String, Engagement, Integer> function) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(function), Engagement::videoId, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** Counts a video's plays in its activity, as the video-stats operator does, under a given descriptor. */
    static final class Activity extends KeyedProcessFunction<String, Engagement, Integer> {
        private final ValueStateDescriptor<VideoActivity> descriptor;
        private transient ValueState<VideoActivity> activity;

        Activity(ValueStateDescriptor<VideoActivity> descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public void open(OpenContext context) {
            activity = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Engagement engagement, Context context, Collector<Integer> out) throws Exception {
            VideoActivity current = activity.value() == null ? new VideoActivity() : activity.value();
            current.counts.add(SETTINGS.windows(), engagement.ts(), Long.MIN_VALUE, engagement.action(), 5_000, 0.5f,
                    expiry -> {});
            current.addDecayedPlay(engagement.ts(), 30L * 24 * 3_600_000);
            current.durationMs = 10_000;
            activity.update(current);
            out.collect(current.counts.totals(SETTINGS.windows(), engagement.ts())[1].plays);
        }
    }
}
