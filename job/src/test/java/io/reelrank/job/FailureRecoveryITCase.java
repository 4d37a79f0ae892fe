package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.generator.GeneratorSources;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task failure after a completed checkpoint must not change what ReelRank answers: the job
 * restarts from RocksDB state, every request is answered exactly once, and the user features
 * computed after recovery equal a clean run's. Requires event-time-aligned ranking, which makes the answers independent of timing.
 */
class FailureRecoveryITCase {

    private static final long ENGAGEMENTS = 5_000;
    private static final long REQUESTS = 300;
    /** Paced so that checkpoints complete while engagements still flow. */
    private static final double ENGAGEMENTS_PER_SECOND = 1_000;

    /** Static because the failing function is a serialized copy inside the MiniCluster. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private final SyntheticWorld world = SyntheticWorld.create(
            WorldSettings.defaults().withUsers(50).withCatalog(200, 20, 6));

    @Test
    void recoveredRunAnswersEveryRequestExactlyOnce() throws Exception {
        FAILED.set(false);
        Map<String, Recommendation> recovered = run(true);
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(recovered.keySet()).containsExactlyInAnyOrderElementsOf(everyRequest());
        assertThat(recovered.values()).anySatisfy(r -> assertThat(r.items()).isNotEmpty());
    }

    /**
     * User features after recovery equal a clean run's: the columns computed from the user's
     * own keyed state (windowed counts, rates, profiles, history flag) and the candidate set
     * after the seen-filter. Video-stats columns are left out: stats reach the rankers over the
     * broadcast side, which is applied on arrival rather than in event time, so which stats a
     * request sees depends on timing even between two clean runs.
     */
    @Test
    void recoveredRunComputesTheUserFeaturesOfACleanRun() throws Exception {
        FAILED.set(false);
        Map<String, ScoringTask> clean = runFeatures(false);
        Map<String, ScoringTask> recovered = runFeatures(true);
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(recovered.keySet()).containsExactlyInAnyOrderElementsOf(everyRequest());
        List<String> names = FeatureSpec.bundled().names();
        int[] userColumns = IntStream.range(0, names.size())
                .filter(i -> !names.get(i).startsWith("video_"))
                .toArray();
        long withHistory = 0;
        for (String requestId : everyRequest()) {
            ScoringTask expected = clean.get(requestId);
            ScoringTask actual = recovered.get(requestId);
            assertThat(actual.videoIds()).as(requestId).containsExactly(expected.videoIds());
            for (int row = 0; row < expected.rows(); row++) {
                for (int column : userColumns) {
                    assertThat(actual.features()[row * actual.width() + column])
                            .as(requestId + " row " + row + " " + names.get(column))
                            .isCloseTo(expected.features()[row * expected.width() + column], within(1e-5f));
                }
            }
            withHistory += expected.trigger() == Trigger.REQUEST ? 1 : 0;
        }
        assertThat(withHistory).as("most requests see a user with history").isGreaterThan(REQUESTS / 2);
    }

    private static List<String> everyRequest() {
        return IntStream.range(0, (int) REQUESTS).mapToObj(i -> "r-" + i).toList();
    }

    /** One run of the topology; request id to its recommendation, asserting each came once. */
    private Map<String, Recommendation> run(boolean injectFailure) throws Exception {
        Configuration config = config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(inputs(env, injectFailure), JobSettings.from(config));
        return collectOnce(env, outputs.recommendations(), Recommendation::requestId, "failure-recovery-" + injectFailure);
    }

    /** The topology up to scoring; request id to its assembled feature rows. */
    private Map<String, ScoringTask> runFeatures(boolean injectFailure) throws Exception {
        Configuration config = config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(inputs(env, injectFailure), JobSettings.from(config));
        return collectOnce(env, features.scoringTasks(), ScoringTask::requestId, "failure-recovery-features-" + injectFailure);
    }

    private ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env, boolean injectFailure) {
        DataStream<RawRecord> engagements = env.fromSource(
                        GeneratorSources.engagements(world, ENGAGEMENTS, ENGAGEMENTS_PER_SECOND, 0),
                        WatermarkStrategy.noWatermarks(), "engagements").uid("source-engagements");
        if (injectFailure) {
            engagements = engagements.map(new FailOnceAfterCheckpoint()).uid("fail-once").name("fail once");
        }
        ReelRankWorkflow.Inputs inputs = new ReelRankWorkflow.Inputs(
                engagements,
                env.fromSource(GeneratorSources.catalog(world), WatermarkStrategy.noWatermarks(), "videos")
                        .uid("source-videos"),
                env.fromSource(GeneratorSources.rankRequests(world, REQUESTS,
                                ENGAGEMENTS_PER_SECOND * REQUESTS / ENGAGEMENTS, 30),
                        WatermarkStrategy.noWatermarks(), "rank-requests").uid("source-rank-requests"));
        return inputs;
    }

    private static <T> Map<String, T> collectOnce(StreamExecutionEnvironment env, DataStream<T> stream,
                                                  Function<T, String> requestId, String jobName) throws Exception {
        Map<String, T> byRequest = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (CloseableIterator<T> results = stream.collectAsync()) {
            env.executeAsync(jobName);
            results.forEachRemaining(r -> {
                if (byRequest.put(requestId.apply(r), r) != null) {
                    duplicates.add(requestId.apply(r));
                }
            });
        }
        assertThat(duplicates).as("requests answered more than once").isEmpty();
        return byRequest;
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.interval", "200 ms");
        config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "3");
        config.setString("restart-strategy.fixed-delay.delay", "100 ms");
        config.setString("pipeline.generic-types", "false");
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        // Idleness is judged in wall-clock time: on a loaded machine a paced source can be
        // declared idle, the watermark then overtakes its records and a request is applied
        // after engagements that follow it. Both runs must see the same event-time order.
        config.set(ReelRankOptions.IDLENESS, Duration.ofMinutes(10));
        config.set(ReelRankOptions.MODEL_REGISTRY, "../models/registry");
        return config;
    }

    /** Passes records through, and throws once, in one subtask, after a checkpoint completed. */
    private static final class FailOnceAfterCheckpoint implements MapFunction<RawRecord, RawRecord>, CheckpointListener {
        private boolean checkpointCompleted;

        @Override
        public RawRecord map(RawRecord record) {
            if (checkpointCompleted && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
        }
    }
}
