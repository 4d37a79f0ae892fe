package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * A {@link UserRankingFunction} in Flink's keyed-broadcast operator harness, with the bundled
 * feature spec, and the few verbs its tests speak: catalog, engage, request, watermark, read a
 * named feature of an emitted row, and read a counter.
 */
final class RankingHarness implements AutoCloseable {

    /** 2026-01-01T00:00Z: a multiple of every bucket size. */
    static final long T0 = 1_767_225_600_000L;
    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;

    static final FeatureSpec SPEC = FeatureSpec.bundled();

    final FeatureStateSettings settings;
    private final InterceptingOperatorMetricGroup rankerMetrics = new InterceptingOperatorMetricGroup();
    final KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> harness;
    private int sequence;

    RankingHarness(FeatureStateSettings settings, RankingSettings ranking) throws Exception {
        this.settings = settings;
        // As ProcessFunctionTestHarnesses builds it, with the operator's metrics kept for counter().
        this.harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new UserRankingFunction(settings, ranking, SPEC),
                        List.of(UserRankingFunction.CATALOG)) {
                    @Override
                    public OperatorMetricGroup getMetricGroup() {
                        return rankerMetrics;
                    }
                },
                UserInput::userId, Types.STRING, 1, 1, 0);
        harness.open();
    }

    RankingHarness(RankingSettings ranking) throws Exception {
        this(FeatureStateSettings.defaults(), ranking);
    }

    static Video video(String id, String creator, List<String> tags, long durationMs, long publishedTs, float... embedding) {
        return new Video(id, creator, tags, durationMs, publishedTs, embedding, false);
    }

    void catalog(Video... videos) throws Exception {
        for (Video video : videos) {
            harness.processBroadcastElement(CatalogUpdate.of(video), video.publishedTs());
        }
    }

    void delete(String videoId) throws Exception {
        harness.processBroadcastElement(CatalogUpdate.of(new Video(videoId, null, null, 0, 0, null, true)), T0);
    }

    void stats(String videoId, long asOfTs, EngagementCounts oneHour, EngagementCounts oneDay) throws Exception {
        stats(new VideoStats(videoId, asOfTs, new EngagementCounts[] {oneHour, oneDay}, oneDay.plays, asOfTs));
    }

    void stats(VideoStats stats) throws Exception {
        harness.processBroadcastElement(CatalogUpdate.of(stats), stats.asOfTs());
    }

    Engagement engage(String user, String videoId, Action action, Long watchMs, long ts) throws Exception {
        Engagement engagement = new Engagement("e-" + sequence++, user, videoId, action, watchMs, ts);
        harness.processElement(UserInput.of(engagement), ts);
        return engagement;
    }

    void play(String user, String videoId, long watchMs, long ts) throws Exception {
        engage(user, videoId, Action.PLAY, watchMs, ts);
    }

    void request(String requestId, String user, long ts, String... candidates) throws Exception {
        harness.processElement(UserInput.of(new RankRequest(requestId, user, List.of(candidates), null, ts)), ts);
    }

    /** Advances event time on both inputs, as the operator only moves on the minimum of the two. */
    void watermark(long ts) throws Exception {
        harness.processWatermark(ts);
        harness.processBroadcastWatermark(ts);
    }

    List<ScoringTask> tasks() {
        return harness.extractOutputValues();
    }

    ScoringTask only() {
        List<ScoringTask> tasks = tasks();
        if (tasks.size() != 1) {
            throw new AssertionError("expected exactly one scoring task, got " + tasks.size());
        }
        return tasks.get(0);
    }

    ScoringTask last() {
        List<ScoringTask> tasks = tasks();
        if (tasks.isEmpty()) {
            throw new AssertionError("no scoring task was emitted");
        }
        return tasks.get(tasks.size() - 1);
    }

    List<DeadLetter> deadLetters() {
        var side = harness.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** The value of feature {@code name} in row {@code row}, located through the spec's order. */
    static float feature(ScoringTask task, int row, String name) {
        int column = SPEC.names().indexOf(name);
        if (column < 0) {
            throw new IllegalArgumentException("no feature " + name + " in the spec");
        }
        return task.features()[row * task.width() + column];
    }

    /** The count of the ranker's counter {@code name}. */
    long counter(String name) {
        Counter counter = (Counter) rankerMetrics.get(name);
        if (counter == null) {
            throw new AssertionError("the ranker has no counter " + name);
        }
        return counter.getCount();
    }

    /** The user's state value as the ranker keeps it; null when there is none. */
    UserState userState(String userId) throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        Object previousKey = backend.getCurrentKey();
        backend.setCurrentKey(userId);
        try {
            return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    UserStateStore.descriptor(settings)).value();
        } finally {
            if (previousKey != null) {
                backend.setCurrentKey(previousKey);
            }
        }
    }

    /** Users (keys) that hold a value in the keyed state named {@code stateName}. */
    List<String> keysWithState(String stateName) throws Exception {
        try (Stream<Object> keys = harness.getOperator().getKeyedStateBackend().getKeys(stateName, VoidNamespace.INSTANCE)) {
            return keys.map(String.class::cast).toList();
        }
    }

    /**
     * Entries in all keyed state, as {@code KeyedOneInputStreamOperatorTestHarness} counts them
     * (the broadcast harness has no such method): expired but not yet cleaned up entries count.
     */
    int numKeyedStateEntries() {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        return ((HeapKeyedStateBackend<Object>) backend).numKeyValueStateEntries();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
