package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link BatchingScorer} inside Flink's real async operator. Waiting for results means
 * taking the operator's result mails from the task mailbox, which blocks until a scorer thread
 * has completed a request; a batch that never flushes fails the test by its timeout.
 */
@Timeout(60)
class BatchingScorerTest {

    private static final Duration NEVER = Duration.ofHours(1);
    private static final long ASYNC_TIMEOUT_MS = 600_000;

    private final int width = TestModels.width();
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();

    @Test
    void scoringTypesAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ScoringTask.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ScoredTask.class);
    }

    @Test
    void aBatchThatReachesMaxRowsIsScoredAtOnceAndEachRequestGetsItsSlice() throws Exception {
        try (var harness = open(settings(4, NEVER))) {
            harness.processElement(task("a", 1, 2), 1L);
            harness.processElement(task("b", 2, 2), 2L);
            awaitOutputs(harness, 2);

            assertThat(counter("batches")).isEqualTo(1);
            assertThat(counter("candidatesScored")).isEqualTo(4);
            assertScoredCorrectly(harness.extractOutputValues(), "a", "b");
        }
    }

    @Test
    void aRequestThatWouldOverflowTheBatchStartsTheNextOneAndBigRequestsGoAlone() throws Exception {
        try (var harness = open(settings(4, NEVER))) {
            harness.processElement(task("c", 3, 3), 1L);
            harness.processElement(task("d", 4, 2), 2L); // 3 + 2 > 4: c goes out alone, d waits
            awaitOutputs(harness, 1);
            harness.processElement(task("e", 5, 2), 3L); // d + e = 4: full
            harness.processElement(task("f", 6, 7), 4L); // more than a batch: alone
            awaitOutputs(harness, 4);

            assertThat(batchRows().getStatistics().getValues()).containsExactlyInAnyOrder(3, 4, 7);
            assertScoredCorrectly(harness.extractOutputValues(), "c", "d", "e", "f");
        }
    }

    @Test
    void aPartialBatchIsFlushedAfterMaxWait() throws Exception {
        try (var harness = open(settings(100, Duration.ofMillis(20)))) {
            harness.processElement(task("a", 1, 3), 1L);
            awaitOutputs(harness, 1);

            assertThat(counter("batches")).isEqualTo(1);
            assertScoredCorrectly(harness.extractOutputValues(), "a");
        }
    }

    @Test
    void endOfInputWaitsForBufferedRequests() throws Exception {
        try (var harness = open(settings(100, Duration.ofMillis(50)))) {
            harness.processElement(task("a", 1, 2), 1L);
            harness.processElement(task("b", 2, 5), 2L);
            harness.endInput();

            assertScoredCorrectly(harness.extractOutputValues(), "a", "b");
            assertThat(counter("batches")).as("both went out in the max-wait flush").isEqualTo(1);
        }
    }

    @Test
    void requestsBufferedAtACheckpointAreScoredAfterRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = open(settings(100, NEVER))) {
            harness.processElement(task("a", 1, 2), 1L);
            harness.processElement(task("b", 2, 3), 2L);
            snapshot = harness.snapshot(1L, 1L);
            assertThat(harness.extractOutputValues()).isEmpty();
        }

        try (var restored = harness(settings(5, NEVER))) {
            restored.initializeState(snapshot);
            restored.open();
            awaitOutputs(restored, 2);

            assertScoredCorrectly(restored.extractOutputValues(), "a", "b");
            assertThat(counter("batches")).as("the replayed requests filled one batch").isEqualTo(1);
        }
    }

    @Test
    void aTimedOutRequestFailsWithAMessageInsteadOfHanging() throws Exception {
        try (var harness = open(settings(100, NEVER))) {
            MockEnvironment environment = harness.getEnvironment();
            environment.setExpectedExternalFailureCause(Throwable.class);
            harness.processElement(task("slow", 1, 2), 1L);

            harness.setProcessingTime(ASYNC_TIMEOUT_MS + 1);
            while (environment.getActualExternalFailureCause().isEmpty()) {
                harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
            }

            assertThat(environment.getActualExternalFailureCause().get())
                    .rootCause()
                    .hasMessageContaining("scoring request slow (2 candidates) with ranker/1 did not finish");
        }
    }

    @Test
    void aRequestWithTheWrongFeatureWidthFails() throws Exception {
        try (var harness = open(settings(100, NEVER))) {
            MockEnvironment environment = harness.getEnvironment();
            environment.setExpectedExternalFailureCause(Throwable.class);
            harness.processElement(new ScoringTask("narrow", "u1", Trigger.REQUEST, 1L, 10, new String[] {"v"},
                    new String[] {"c"}, new float[width - 1], width - 1, 0L), 1L);
            while (environment.getActualExternalFailureCause().isEmpty()) {
                harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
            }

            assertThat(environment.getActualExternalFailureCause().get())
                    .rootCause()
                    .hasMessageContaining("request narrow has " + (width - 1) + " features per candidate but model ranker/1 reads " + width);
        }
    }

    @Test
    void aRequestWithoutCandidatesGetsNoScores() throws Exception {
        try (var harness = open(settings(100, NEVER))) {
            harness.processElement(new ScoringTask("empty", "u1", Trigger.REFRESH, 1L, 10, new String[0],
                    new String[0], new float[0], width, 0L), 1L);
            awaitOutputs(harness, 1);

            assertThat(harness.extractOutputValues().get(0).scores()).isEmpty();
            assertThat(counter("batches")).isZero();
        }
    }

    private ScorerSettings settings(int maxBatchRows, Duration maxWait) {
        return new ScorerSettings(maxBatchRows, maxWait, 2, SessionSettings.defaults());
    }

    private OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> open(ScorerSettings settings) throws Exception {
        OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> harness = harness(settings);
        harness.open();
        return harness;
    }

    private OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> harness(ScorerSettings settings)
            throws Exception {
        AsyncWaitOperatorFactory<ScoringTask, ScoredTask> factory = new AsyncWaitOperatorFactory<>(
                new BatchingScorer(TestModels.source(), settings), ASYNC_TIMEOUT_MS, 16,
                AsyncDataStream.OutputMode.ORDERED);
        MockEnvironment environment = new MockEnvironmentBuilder().setMetricGroup(new OperatorMetricsOnly()).build();
        return new OneInputStreamOperatorTestHarness<>(factory, serializer(), environment);
    }

    private static TypeSerializer<ScoringTask> serializer() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return TypeInformation.of(ScoringTask.class).createSerializer(config);
    }

    private static void awaitOutputs(OneInputStreamOperatorTestHarness<ScoringTask, ScoredTask> harness, int count)
            throws Exception {
        while (harness.extractOutputValues().size() < count) {
            harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        }
    }

    private ScoringTask task(String requestId, int seed, int rows) {
        String[] videos = new String[rows];
        String[] creators = new String[rows];
        for (int i = 0; i < rows; i++) {
            videos[i] = requestId + "-v" + i;
            creators[i] = "c" + i;
        }
        return new ScoringTask(requestId, "u-" + requestId, Trigger.REQUEST, 1_000L + seed, 10, videos, creators,
                TestModels.rows(seed, rows, width), width, 0L);
    }

    private void assertScoredCorrectly(List<ScoredTask> outputs, String... requestIds) {
        assertThat(outputs).extracting(scored -> scored.task().requestId()).containsExactly(requestIds);
        for (ScoredTask scored : outputs) {
            assertThat(scored.modelVersion()).isEqualTo("ranker/1");
            assertThat(scored.scores())
                    .as("scores of %s", scored.task().requestId())
                    .containsExactly(TestModels.expectedScores(scored.task().features(), width), within(1e-5f));
        }
    }

    private long counter(String name) {
        return ((Counter) metrics.get(name)).getCount();
    }

    private Histogram batchRows() {
        return (Histogram) metrics.get("batchRows");
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
