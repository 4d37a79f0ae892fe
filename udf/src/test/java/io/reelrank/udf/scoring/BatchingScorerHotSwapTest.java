package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running {@link BatchingScorer} (in Flink's async operator) over a temporary registry that
 * the test publishes into while it runs; the scorer's own watcher thread polls every few
 * milliseconds, and the test waits for its metrics with a deadline.
 */
@Timeout(60)
class BatchingScorerHotSwapTest {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private final int width = TestModels.width();
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private TestRegistry registry;

    @BeforeEach
    void publishVersionOne() throws Exception {
        registry = new TestRegistry(root);
        registry.publish("1", TestRegistry.RANKER_1);
    }

    @Test
    void aVersionPublishedWhileRunningScoresTheNextRequestsAndStampsThem() throws Exception {
        try (var harness = open(registry.source(POLL))) {
            harness.processElement(task("before", 1, 3), 1L);
            awaitOutputs(harness, 1);
            assertThat(gauge("modelVersion")).isEqualTo("ranker/1");
            assertThat(gauge("modelVersionNumber")).isEqualTo(1L);

            registry.publish("2", TestRegistry.NEXT_VERSION);
            awaitUntil(() -> "ranker/2".equals(gauge("modelVersion")));
            harness.processElement(task("after", 2, 3), 2L);
            awaitOutputs(harness, 2);

            List<ScoredTask> outputs = harness.extractOutputValues();
            assertThat(outputs.get(0).modelVersion()).isEqualTo("ranker/1");
            assertThat(outputs.get(0).scores())
                    .containsExactly(TestModels.expectedScores(outputs.get(0).task().features(), width), within(1e-5f));
            assertThat(outputs.get(1).modelVersion()).isEqualTo("ranker/2");
            assertThat(outputs.get(1).scores())
                    .containsExactly(plusOne(TestModels.expectedScores(outputs.get(1).task().features(), width)),
                            within(1e-5f));
            awaitUntil(() -> counter("modelSwaps") == 1); // the listener hears of the swap after it happened
            assertThat(gauge("modelVersionNumber")).isEqualTo(2L);
        }
    }

    @Test
    void aBadVersionIsCountedAndReportedWhileThePreviousKeepsServing() throws Exception {
        try (var harness = open(registry.source(POLL))) {
            registry.publish("2", "nan-output/model.onnx");
            awaitUntil(() -> counter("modelRejections") == 1);
            harness.processElement(task("still-v1", 1, 2), 1L);
            awaitOutputs(harness, 1);

            assertThat(harness.extractOutputValues().get(0).modelVersion()).isEqualTo("ranker/1");
            assertThat((String) gauge("lastModelRejection")).startsWith("ranker/2: ").contains("finite scores");
            assertThat(counter("modelSwaps")).isZero();
        }
    }

    @Test
    void aShadowVersionIsScoredBesideTheServingOneWithoutChangingWhatIsServed() throws Exception {
        registry.publish("2", TestRegistry.NEXT_VERSION);
        registry.point(ModelRegistry.POINTER_FILE, "1");
        try (var harness = open(registry.source(Duration.ZERO).withShadowVersion("2"))) {
            harness.processElement(task("a", 1, 6), 1L);
            harness.processElement(task("b", 2, 4), 2L);
            awaitOutputs(harness, 2);
            awaitUntil(() -> counter("shadowBatches") >= 1);

            for (ScoredTask scored : harness.extractOutputValues()) {
                assertThat(scored.modelVersion()).isEqualTo("ranker/1");
                assertThat(scored.scores())
                        .containsExactly(TestModels.expectedScores(scored.task().features(), width), within(1e-5f));
            }
            assertThat(gauge("shadowModelVersion")).isEqualTo("ranker/2");
            // ranker/2 scores every candidate exactly 1 higher: same order, shift 1.
            assertThat((Double) gauge("shadowRankCorrelation")).isCloseTo(1.0, within(1e-9));
            assertThat((Double) gauge("shadowTopNOverlap")).isCloseTo(1.0, within(1e-9));
            assertThat((Double) gauge("shadowMeanScoreShift")).isCloseTo(1.0, within(1e-5));
            assertThat(counter("shadowFailures")).isZero();
        }
    }

    private OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> open(ModelSource source) throws Exception {
        AsyncWaitOperatorFactory<ScoringTask, ScoredTask> factory = new AsyncWaitOperatorFactory<>(
                new BatchingScorer(source, new ScorerSettings(2, Duration.ZERO, 2, SessionSettings.defaults())),
                600_000, 16, AsyncDataStream.OutputMode.ORDERED);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        var harness = new OneInputStreamOperatorTestHarness<>(factory,
                TypeInformation.of(ScoringTask.class).createSerializer(config),
                new MockEnvironmentBuilder().setMetricGroup(new OperatorMetricsOnly()).build());
        harness.open();
        return harness;
    }

    private static void awaitOutputs(OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> harness, int count)
            throws Exception {
        while (harness.extractOutputValues().size() < count) {
            harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        }
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    private ScoringTask task(String requestId, int seed, int rows) {
        String[] videos = new String[rows];
        String[] creators = new String[rows];
        for (int i = 0; i < rows; i++) {
            videos[i] = requestId + "-v" + i;
            creators[i] = "c" + i;
        }
        return new ScoringTask(requestId, "u-" + requestId, Trigger.REQUEST, 1_000L + seed, 3, videos, creators,
                TestModels.rows(seed, rows, width), width, 0L);
    }

    private static float[] plusOne(float[] scores) {
        float[] shifted = scores.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1f;
        }
        return shifted;
    }

    private Object gauge(String name) {
        return ((Gauge<?>) metrics.get(name)).getValue();
    }

    private long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    /** Hands every operator the test's intercepting group, so the test can read the scorer's metrics. */
    private final class OperatorMetricsOnly extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        @Override
        public InternalOperatorMetricGroup getOrAddOperator(
                OperatorID operatorID, String name, Map<String, String> additionalVariables) {
            return metrics;
        }
    }
}
