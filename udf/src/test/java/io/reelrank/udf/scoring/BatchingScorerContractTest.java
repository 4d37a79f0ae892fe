package io.reelrank.udf.scoring;

import static io.reelrank.udf.scoring.ContractFixture.history;
import static io.reelrank.udf.scoring.ContractFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.model.ModelMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The async scorer with a contract v2 model: tasks carry their histories into the batch, results their heads. */
@Timeout(60)
class BatchingScorerContractTest {

    @TempDir
    Path root;

    @Test
    void eachRequestGetsItsFusedScoresAndHeadValuesFromOneBatch() throws Exception {
        TestRegistry registry = new TestRegistry(root);
        registry.publishV2("2", "ranker");
        List<ScoringTask> tasks = List.of(
                task("r1", new String[] {"v-a", "v-b"}, new float[] {0.5f, 1f}, history(Action.LIKE, "v-b")),
                task("r2", new String[] {"v-b"}, new float[] {0f}, history(Action.SHARE, "v-a", "v-b")));
        List<ScoredTask> scored;
        try (ScorerHarness harness = new ScorerHarness(registry.source(Duration.ZERO), Duration.ofSeconds(1)).open()) {
            for (ScoringTask task : tasks) {
                harness.process(task);
            }
            scored = harness.finish();
            assertThat(harness.counter("batches")).as("both requests in one native run").isEqualTo(1);
        }

        assertThat(scored).hasSize(2);
        for (ScoredTask result : scored) {
            ScoringTask task = result.task();
            assertThat(result.modelVersion()).isEqualTo("ranker/2");
            assertThat(result.headNames()).containsExactly("play", "finish", "like");
            for (int i = 0; i < task.rows(); i++) {
                float like = ContractFixture.like(task, i);
                assertThat(result.heads()[2][i]).isCloseTo(like, within(1e-5f));
                assertThat(result.scores()[i]).isCloseTo(
                        ContractFixture.play(task, i) + 0.5f * ContractFixture.finish(task, i) + 0.3f * like,
                        within(1e-5f));
            }
        }
    }

    @Test
    void aModelReadingMoreHistoryThanTheJobKeepsScoresAndIsWarnedAboutOnLoad() throws Exception {
        TestRegistry registry = new TestRegistry(root);
        registry.publishV2("3", "ranker");
        ScorerSettings keepsTwo =
                new ScorerSettings(100, Duration.ofSeconds(1), 2, SessionSettings.defaults(), null, 2);
        List<ScoredTask> scored;
        try (ScorerHarness harness = new ScorerHarness(registry.source(Duration.ZERO), keepsTwo).open()) {
            harness.process(task("r1", new String[] {"v-a"}, new float[] {0.5f}, history(Action.LIKE, "v-a", "v-b")));
            scored = harness.finish();
        }

        assertThat(scored).singleElement().satisfies(result -> assertThat(result.heads()[2][0])
                .isCloseTo(ContractFixture.like(result.task(), 0), within(1e-5f)));
        ModelMetadata sameModel = new ModelMetadata("ranker", "3", "hash", List.of(), null, null, "sha", 17, Map.of(),
                null, null, 2, List.of("candidate_request", "history_ids"), List.of("play"),
                ContractFixture.HISTORY_LENGTH, null, null);
        assertThat(HistoryLengthCheck.shortfall(sameModel, 2)).isPresent();
        assertThat(HistoryLengthCheck.warnOnce(sameModel, 2)).as("the scorer already warned about ranker/3").isFalse();
    }

    @Test
    void recordsEachHeadsMeanOverTheLastBatch() {
        HeadGroups group = new HeadGroups();
        ScoringMetrics metrics = new ScoringMetrics(group, () -> null);

        metrics.recordHeads(new BatchScores(new float[] {0f, 0f}, new String[] {"play", "like"},
                new float[][] {{1f, 2f}, {0.25f, 0.75f}}));

        assertThat(group.value("head=play", "lastBatchMean")).isEqualTo(1.5);
        assertThat(group.value("head=like", "lastBatchMean")).isEqualTo(0.5);
        metrics.recordHeads(BatchScores.single(new float[] {3f}));
        assertThat(group.value("head=play", "lastBatchMean")).as("a single-output batch has no heads").isEqualTo(1.5);
    }

    /** Keeps the gauges registered in {@code key=value} subgroups, which the scorer's per-head metrics use. */
    private static final class HeadGroups extends UnregisteredMetricsGroup {
        private final Map<String, Map<String, Metric>> groups = new ConcurrentHashMap<>();

        @Override
        public MetricGroup addGroup(String key, String value) {
            Map<String, Metric> metrics = groups.computeIfAbsent(key + "=" + value, name -> new HashMap<>());
            return new UnregisteredMetricsGroup() {
                @Override
                public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
                    metrics.put(name, gauge);
                    return gauge;
                }
            };
        }

        Object value(String group, String gauge) {
            return ((Gauge<?>) groups.get(group).get(gauge)).getValue();
        }
    }
}
