package io.reelrank.udf.scoring;

import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * A {@link BatchingScorer} inside Flink's real async operator, as the job runs it, with the
 * scorer's metrics readable; batches of up to 100 rows.
 */
final class ScorerHarness implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> harness;

    /** {@code maxWait}: how long a partial batch waits; an hour keeps requests buffered for a snapshot. */
    ScorerHarness(ModelSource source, Duration maxWait) throws Exception {
        this(source, new ScorerSettings(100, maxWait, 2, SessionSettings.defaults()));
    }

    ScorerHarness(ModelSource source, ScorerSettings settings) throws Exception {
        AsyncWaitOperatorFactory<ScoringTask, ScoredTask> factory = new AsyncWaitOperatorFactory<>(
                new BatchingScorer(source, settings), 600_000, 16, AsyncDataStream.OutputMode.ORDERED);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        harness = new OneInputStreamOperatorTestHarness<>(factory,
                TypeInformation.of(ScoringTask.class).createSerializer(config),
                new MockEnvironmentBuilder().setMetricGroup(new OperatorMetricsOnly()).build());
    }

    /** Opens a fresh scorer. */
    ScorerHarness open() throws Exception {
        harness.open();
        return this;
    }

    /** Opens a scorer restored from {@code snapshot}. */
    ScorerHarness restore(OperatorSubtaskState snapshot) throws Exception {
        harness.initializeState(snapshot);
        harness.open();
        return this;
    }

    void process(ScoringTask task) throws Exception {
        harness.processElement(task, task.eventTs());
    }

    OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1L, 1L);
    }

    /** Ends the input, waiting for the max-wait flush of what is buffered, and returns every output. */
    List<ScoredTask> finish() throws Exception {
        harness.endInput();
        return harness.extractOutputValues();
    }

    Object gauge(String name) {
        return ((Gauge<?>) metrics.get(name)).getValue();
    }

    long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    /** Waits for {@code condition}, which the scorer's watcher thread makes true. */
    static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }

    static ScoringTask task(String requestId, int seed, int rows) {
        int width = TestModels.width();
        String[] videos = new String[rows];
        String[] creators = new String[rows];
        for (int i = 0; i < rows; i++) {
            videos[i] = requestId + "-v" + i;
            creators[i] = "c" + i;
        }
        return new ScoringTask(requestId, "u-" + requestId, Trigger.REQUEST, 1_000L + seed, 10, videos, creators,
                TestModels.rows(seed, rows, width), width, 0L);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    /** Hands every operator this harness's intercepting group, so the test can read the scorer's metrics. */
    private final class OperatorMetricsOnly extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        @Override
        public InternalOperatorMetricGroup getOrAddOperator(
                OperatorID operatorID, String name, Map<String, String> additionalVariables) {
            return metrics;
        }
    }
}
