package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.SPEC;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.SharedValueSerializer;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rankers' catalog broadcast state: checkpoints share its entries instead of deep-copying
 * them, a snapshot taken while the catalog had an earlier serializer restores into the current
 * ranker (and its next checkpoint restores too), and a checkpoint writes the stats versions the
 * watermark has passed as one.
 */
class CatalogStateTest {

    private static final Video V1 = RankingHarness.video("v1", "c1", List.of("food", "travel"), 15_000, T0, 0.5f, -0.5f);
    private static final Video V2 = RankingHarness.video("v2", "c2", List.of("music"), 30_000, T0, 1f, 0f);
    private static final VideoStats V1_STATS = new VideoStats("v1", T0 + HOUR,
            new EngagementCounts[] {new EngagementCounts(), new EngagementCounts()}, 3.0, T0 + HOUR);

    @Test
    void aCheckpointsCopyOfTheCatalogSharesItsEntries() {
        VideoEntry entry = new VideoEntry(V1, V1_STATS);
        TypeSerializer<VideoEntry> serializer = UserRankingFunction.CATALOG.getValueSerializer();
        assertThat(serializer.copy(entry)).isSameAs(entry);
        // What HeapBroadcastState.deepCopy does in a checkpoint's synchronous phase.
        Map<String, VideoEntry> copy = new MapSerializer<>(UserRankingFunction.CATALOG.getKeySerializer(), serializer)
                .copy(Map.of("v1", entry));
        assertThat(copy.get("v1")).isSameAs(entry);
    }

    /** The catalog's descriptor as rankers declared it before: the POJO type alone, then shared POJO entries. */
    static Stream<MapStateDescriptor<String, VideoEntry>> earlierCatalogs() {
        TypeSerializer<VideoEntry> pojo = TypeInformation.of(VideoEntry.class).createSerializer(new SerializerConfigImpl());
        return Stream.of(new MapStateDescriptor<>("catalog", String.class, VideoEntry.class),
                new MapStateDescriptor<>("catalog", StringSerializer.INSTANCE, new SharedValueSerializer<>(pojo)));
    }

    @ParameterizedTest
    @MethodSource("earlierCatalogs")
    void aCatalogSnapshotOfAnEarlierSerializerRestoresIntoTheRankerAndIsRewrittenInTheCurrentLayout(
            MapStateDescriptor<String, VideoEntry> before) throws Exception {
        OperatorSubtaskState snapshot;
        try (var old = harness(new PojoCatalog(before), before)) {
            old.open();
            old.processBroadcastElement(CatalogUpdate.of(V1), T0);
            old.processBroadcastElement(CatalogUpdate.of(V2), T0);
            old.processBroadcastElement(CatalogUpdate.of(V1_STATS), T0);
            snapshot = old.snapshot(1L, T0);
        }
        OperatorSubtaskState rewritten;
        try (var current = ranker()) {
            current.initializeState(snapshot);
            current.open();
            assertRanksFromTheRestoredCatalog(current, "r1");
            rewritten = current.snapshot(2L, T0 + 2 * HOUR);
        }
        try (var again = ranker()) {
            again.initializeState(rewritten);
            again.open();
            assertRanksFromTheRestoredCatalog(again, "r2");
        }
    }

    private static void assertRanksFromTheRestoredCatalog(
            KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> ranker, String requestId)
            throws Exception {
        ranker.processElement(UserInput.of(new RankRequest(requestId, "u1", List.of("v1", "v2", "v3"), 10, T0 + 2 * HOUR)),
                T0 + 2 * HOUR);
        List<ScoringTask> tasks = ranker.extractOutputValues();
        ScoringTask task = tasks.get(tasks.size() - 1);
        assertThat(task.videoIds()).containsExactly("v1", "v2");
        assertThat(RankingHarness.feature(task, 0, "duration_seconds")).isEqualTo(asAssembled("duration_seconds", 15f));
        assertThat(RankingHarness.feature(task, 1, "duration_seconds")).isEqualTo(asAssembled("duration_seconds", 30f));
        // v1's stats came back with its entry: its decayed play count, not the spec's default.
        float plays = (float) V1_STATS.decayedPlaysAt(T0 + 2 * HOUR, SPEC.halfLifeMs(VideoStats.PLAYS_HALF_LIFE));
        assertThat(RankingHarness.feature(task, 0, "video_plays_decayed_30d"))
                .isEqualTo(asAssembled("video_plays_decayed_30d", plays));
    }

    private static KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> ranker()
            throws Exception {
        return harness(new UserRankingFunction(FeatureStateSettings.defaults(), RankingSettings.defaults(), SPEC),
                UserRankingFunction.CATALOG);
    }

    @Test
    void aCheckpointWritesTheVersionsTheWatermarkHasPassedAsOne() throws Exception {
        OperatorSubtaskState snapshot;
        ScoringTask before;
        try (RankingHarness ranker = new RankingHarness(RankingSettings.defaults())) {
            ranker.catalog(V1);
            // All three arrive ahead of the watermark, and v1 gets no stats after it passes two of them.
            ranker.stats(stats(T0 + HOUR));
            ranker.stats(stats(T0 + 2 * HOUR));
            ranker.stats(stats(T0 + 4 * HOUR));
            ranker.watermark(T0 + 3 * HOUR);
            ranker.request("r1", "u1", T0 + 3 * HOUR, "v1");
            before = ranker.last();
            assertThat(ranker.harness.getBroadcastState(UserRankingFunction.CATALOG).get("v1").newer()).hasSize(3);

            snapshot = ranker.harness.snapshot(1L, T0 + 3 * HOUR);

            VideoEntry settled = ranker.harness.getBroadcastState(UserRankingFunction.CATALOG).get("v1");
            assertThat(settled.stats().asOfTs()).isEqualTo(T0 + 2 * HOUR);
            assertThat(settled.newer()).extracting(VideoStats::asOfTs).containsExactly(T0 + 4 * HOUR);
            ranker.request("r2", "u1", T0 + 3 * HOUR, "v1");
            assertThat(ranker.last().features()).as("the same stats, collapsed or not").containsExactly(before.features());
        }
        try (var restored = ranker()) {
            restored.initializeState(snapshot);
            restored.open();
            VideoEntry entry = restored.getBroadcastState(UserRankingFunction.CATALOG).get("v1");
            assertThat(entry.stats().asOfTs()).as("written collapsed").isEqualTo(T0 + 2 * HOUR);
            assertThat(entry.newer()).extracting(VideoStats::asOfTs).containsExactly(T0 + 4 * HOUR);
            restored.processElement(UserInput.of(new RankRequest("r3", "u1", List.of("v1"), null, T0 + 3 * HOUR)),
                    T0 + 3 * HOUR);
            restored.processElement(UserInput.of(new RankRequest("r4", "u1", List.of("v1"), null, T0 + 5 * HOUR)),
                    T0 + 5 * HOUR);
            List<ScoringTask> tasks = restored.extractOutputValues();
            assertThat(tasks.get(0).features()).containsExactly(before.features());
            assertThat(RankingHarness.feature(tasks.get(1), 0, "video_plays_decayed_30d"))
                    .as("the version still ahead came back too")
                    .isEqualTo(asAssembled("video_plays_decayed_30d", (float) stats(T0 + 4 * HOUR)
                            .decayedPlaysAt(T0 + 5 * HOUR, SPEC.halfLifeMs(VideoStats.PLAYS_HALF_LIFE))));
        }
    }

    /** v1's stats as of {@code asOf}, with a decayed play count that tells the versions apart. */
    private static VideoStats stats(long asOf) {
        return new VideoStats("v1", asOf, new EngagementCounts[] {new EngagementCounts(), new EngagementCounts()},
                (asOf - T0) / (double) HOUR, asOf);
    }

    private static float asAssembled(String feature, float raw) {
        return SPEC.features().get(SPEC.names().indexOf(feature)).apply(raw);
    }

    private static <OUT> KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, OUT> harness(
            KeyedBroadcastProcessFunction<String, UserInput, CatalogUpdate, OUT> function,
            MapStateDescriptor<String, VideoEntry> catalog) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(function, List.of(catalog)),
                UserInput::userId, Types.STRING, 1, 1, 0);
    }

    /** The catalog as rankers kept it while its descriptor named the POJO type alone. */
    private static final class PojoCatalog extends KeyedBroadcastProcessFunction<String, UserInput, CatalogUpdate, Void> {
        private final MapStateDescriptor<String, VideoEntry> descriptor;

        PojoCatalog(MapStateDescriptor<String, VideoEntry> descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public void processElement(UserInput input, ReadOnlyContext ctx, Collector<Void> out) {}

        @Override
        public void processBroadcastElement(CatalogUpdate update, Context ctx, Collector<Void> out) throws Exception {
            var catalog = ctx.getBroadcastState(descriptor);
            catalog.put(update.videoId(), update.applyTo(catalog.get(update.videoId()), ctx.currentWatermark()));
        }
    }
}
