package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.MIN;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.VideoStatsFunction;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * Operator snapshots written by ReelRank 0.1 (before its classes moved between packages) restore
 * into today's operators: the serializer snapshots they name still resolve, and the restored
 * operators answer exactly as operators that were never stopped. The fixtures are the ranker
 * (user state, aligned inputs still pending, catalog broadcast with stats) and the video-stats
 * operator (activity, buffered engagements); they were written by {@link #writeFixtures} on
 * 0.1 and are never rewritten, or they would stop testing anything.
 */
class StateFixtureCompatibilityTest {

    private static final Path FIXTURES = Path.of("src/test/resources/state-fixtures/0.1");
    private static final Path RANKER = FIXTURES.resolve("user-ranking.snapshot");
    private static final Path VIDEO_STATS = FIXTURES.resolve("video-stats.snapshot");

    private static final FeatureStateSettings FEATURES = FeatureStateSettings.defaults();
    private static final RankingSettings ALIGNED = RankingSettings.defaults().withEventTimeAligned(true);

    @Test
    void aRankerSnapshotOf01RestoresAndAnswersAsIfNeverStopped() throws Exception {
        List<ScoringTask> expected;
        try (var uninterrupted = ranker()) {
            uninterrupted.open();
            rankerBeforeSnapshot(uninterrupted);
            expected = rankerAfterSnapshot(uninterrupted);
        }
        try (var restored = ranker()) {
            restored.initializeState(OperatorSnapshotUtil.readStateHandle(RANKER.toString()));
            restored.open();
            List<ScoringTask> actual = rankerAfterSnapshot(restored);
            assertThat(actual).hasSize(expected.size()).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).requestId()).isEqualTo(expected.get(i).requestId());
                assertThat(actual.get(i).videoIds()).containsExactly(expected.get(i).videoIds());
                assertThat(actual.get(i).features()).containsExactly(expected.get(i).features());
            }
            // 0.1 kept no history: a restored user's history holds only what was applied after the restore.
            assertThat(historyOf(expected, "r-u1")).containsExactly("v2", "v3", "v1");
            assertThat(historyOf(actual, "r-u1")).containsExactly("v2");
            assertThat(historyOf(expected, "r-u2")).containsExactly("v1", "v2");
            assertThat(historyOf(actual, "r-u2")).containsExactly("v1");
        }
    }

    private static String[] historyOf(List<ScoringTask> tasks, String requestId) {
        return tasks.stream().filter(task -> task.requestId().equals(requestId)).findFirst().orElseThrow()
                .history().videoIds();
    }

    @Test
    void aVideoStatsSnapshotOf01RestoresAndEmitsAsIfNeverStopped() throws Exception {
        List<VideoStats> expected;
        try (var uninterrupted = videoStats()) {
            uninterrupted.open();
            videoStatsBeforeSnapshot(uninterrupted);
            expected = videoStatsAfterSnapshot(uninterrupted);
        }
        try (var restored = videoStats()) {
            restored.initializeState(OperatorSnapshotUtil.readStateHandle(VIDEO_STATS.toString()));
            restored.open();
            List<VideoStats> actual = videoStatsAfterSnapshot(restored);
            assertThat(actual).isNotEmpty().usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
        }
    }

    /** Writes the fixtures; run once on the release whose state they capture, never after. */
    static void writeFixtures() throws Exception {
        Files.createDirectories(FIXTURES);
        try (var ranker = ranker()) {
            ranker.open();
            rankerBeforeSnapshot(ranker);
            OperatorSubtaskState snapshot = ranker.snapshot(1L, T0 + 3 * HOUR);
            OperatorSnapshotUtil.writeStateHandle(snapshot, RANKER.toString());
        }
        try (var stats = videoStats()) {
            stats.open();
            videoStatsBeforeSnapshot(stats);
            OperatorSnapshotUtil.writeStateHandle(stats.snapshot(1L, T0 + 3 * HOUR), VIDEO_STATS.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        writeFixtures();
    }

    private static KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> ranker()
            throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new UserRankingFunction(FEATURES, ALIGNED, RankingHarness.SPEC), List.of(UserRankingFunction.CATALOG)),
                UserInput::userId, Types.STRING, 1, 1, 0);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> videoStats()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new VideoStatsFunction(FEATURES, MIN, 30 * 24 * HOUR)),
                Engagement::videoId, Video::videoId, Types.STRING);
    }

    private static final Video V1 = RankingHarness.video("v1", "c1", List.of("food", "travel"), 15_000, T0, 0.5f, -0.5f);
    private static final Video V2 = RankingHarness.video("v2", "c2", List.of("music"), 30_000, T0, 1f, 0f);
    private static final Video V3 = RankingHarness.video("v3", "c1", List.of("food"), 9_000, T0, 0f, 1f);

    /** Catalog, stats ahead of the watermark, applied engagements, and inputs still waiting for it. */
    private static void rankerBeforeSnapshot(KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> h)
            throws Exception {
        for (Video video : List.of(V1, V2, V3)) {
            h.processBroadcastElement(CatalogUpdate.of(video), T0);
        }
        for (long at : new long[] {T0 + HOUR, T0 + 2 * HOUR, T0 + 4 * HOUR}) {
            h.processBroadcastElement(CatalogUpdate.of(stats("v2", at)), at);
        }
        engage(h, "u1", "v1", Action.PLAY, 12_000L, T0 + 10 * MIN);
        engage(h, "u1", "v3", Action.LIKE, null, T0 + 20 * MIN);
        engage(h, "u2", "v2", Action.PLAY, 3_000L, T0 + 30 * MIN);
        watermark(h, T0 + 2 * HOUR);
        engage(h, "u1", "v2", Action.SKIP, null, T0 + 150 * MIN);
        request(h, "r-pending", "u1", T0 + 160 * MIN);
        engage(h, "u2", "v1", Action.SHARE, null, T0 + 170 * MIN);
    }

    private static List<ScoringTask> rankerAfterSnapshot(
            KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> h) throws Exception {
        int before = h.extractOutputValues().size();
        watermark(h, T0 + 3 * HOUR);
        request(h, "r-u1", "u1", T0 + 4 * HOUR + MIN);
        request(h, "r-u2", "u2", T0 + 4 * HOUR + MIN);
        request(h, "r-new", "u3", T0 + 4 * HOUR + MIN);
        watermark(h, T0 + 5 * HOUR);
        List<ScoringTask> all = h.extractOutputValues();
        return List.copyOf(all.subList(before, all.size()));
    }

    private static void videoStatsBeforeSnapshot(
            KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> h) throws Exception {
        h.processElement2(V1, T0);
        h.processElement2(V2, T0);
        h.processElement1(new Engagement("e-1", "u1", "v1", Action.PLAY, 5_000L, T0 + 10 * MIN), T0 + 10 * MIN);
        h.processElement1(new Engagement("e-2", "u2", "v1", Action.LIKE, null, T0 + 11 * MIN), T0 + 11 * MIN);
        h.processBothWatermarks(new Watermark(T0 + 30 * MIN));
        h.processElement1(new Engagement("e-3", "u2", "v2", Action.PLAY, 30_000L, T0 + 40 * MIN), T0 + 40 * MIN);
        h.processElement1(new Engagement("e-4", "u3", "v1", Action.SKIP, null, T0 + 41 * MIN), T0 + 41 * MIN);
    }

    private static List<VideoStats> videoStatsAfterSnapshot(
            KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> h) throws Exception {
        int before = h.extractOutputValues().size();
        h.processBothWatermarks(new Watermark(T0 + 2 * HOUR));
        h.processElement1(new Engagement("e-5", "u4", "v2", Action.SHARE, null, T0 + 2 * HOUR + MIN), T0 + 2 * HOUR + MIN);
        h.processBothWatermarks(new Watermark(T0 + 30 * HOUR));
        List<VideoStats> all = h.extractOutputValues();
        return List.copyOf(all.subList(before, all.size()));
    }

    private static VideoStats stats(String videoId, long asOf) {
        return new VideoStats(videoId, asOf,
                new EngagementCounts[] {
                    new EngagementCounts(), new EngagementCounts()},
                (asOf - T0) / (double) HOUR, asOf);
    }

    private static void engage(KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> h,
                               String user, String video, Action action, Long watchMs, long ts) throws Exception {
        h.processElement(UserInput.of(new Engagement("e-" + user + "-" + ts, user, video, action, watchMs, ts)), ts);
    }

    private static void request(KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> h,
                                String id, String user, long ts) throws Exception {
        h.processElement(UserInput.of(new RankRequest(id, user, List.of("v1", "v2", "v3", "v9"),
                null, ts)), ts);
    }

    private static void watermark(KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> h,
                                  long ts) throws Exception {
        h.processWatermark(ts);
        h.processBroadcastWatermark(ts);
    }
}
