package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.privacy.UserIdPseudonyms;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.rank.TopNSelector;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology on RocksDB with checkpoints, over a small hand-made scenario scored by the
 * linear test model (score = x.w + 0.25, w[i] = (i - 10) / 8). Expected rankings come twice:
 * hard-coded from the scenario's design, and recomputed from the feature rows the same
 * topology assembles, so a wrong feature, a wrong column order or a wrong top-N all fail.
 */
class ReelRankWorkflowITCase {

    private static final int MINI_CLUSTER_SLOTS = 2;
    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!";
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(MINI_CLUSTER_SLOTS)
                    .build());

    private final SmallCatalogScenario scenario = new SmallCatalogScenario();

    @Test
    void ranksTheScenarioExactlyAndAccountsForEveryInput() throws Exception {
        Map<String, ScoringTask> tasks = scoringTasks();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config());
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(inputs(env), JobSettings.from(config()));

        List<Recommendation> recommendations = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        JobID jobId;
        try (CloseableIterator<Recommendation> recs = outputs.recommendations().collectAsync();
             CloseableIterator<DeadLetter> dead = outputs.deadLetters().collectAsync()) {
            JobClient job = env.executeAsync("workflow-itcase");
            jobId = job.getJobID();
            CompletableFuture<Void> drainDead = CompletableFuture.runAsync(() -> dead.forEachRemaining(deadLetters::add));
            recs.forEachRemaining(recommendations::add);
            drainDead.join();
            job.getJobExecutionResult().get();
        }

        assertThat(recommendations).extracting(Recommendation::requestId)
                .containsExactlyInAnyOrder("r-main", "r-cold");
        Recommendation main = byId(recommendations, "r-main");
        Recommendation cold = byId(recommendations, "r-cold");
        assertThat(ids(main)).isEqualTo(SmallCatalogScenario.MAIN_USER_TOP);
        assertThat(ids(cold)).isEqualTo(SmallCatalogScenario.COLD_USER_TOP);
        assertThat(main.trigger()).isEqualTo(Trigger.REQUEST);
        assertThat(cold.trigger()).isEqualTo(Trigger.COLD_START);
        assertThat(main.userId()).isEqualTo("u1");
        assertThat(main.eventTs()).isEqualTo(SmallCatalogScenario.T0 + 10 * SmallCatalogScenario.MINUTE);
        assertThat(recommendations).allSatisfy(r -> assertThat(r.modelVersion()).isEqualTo("ranker/1"));
        assertThat(tasks.get("r-main").videoIds()).containsExactlyInAnyOrder("v3", "v4", "v5", "v6");

        for (Recommendation recommendation : recommendations) {
            assertMatchesLinearModel(recommendation, tasks.get(recommendation.requestId()));
        }

        assertThat(deadLetters).hasSize(scenario.malformed);
        assertThat(deadLetters).extracting(DeadLetter::source, DeadLetter::offset)
                .containsExactlyInAnyOrder(
                        tuple("videos", 8L),
                        tuple("engagements", 3L),
                        tuple("engagements", 4L),
                        tuple("rank-requests", 2L));
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
        // With a pseudonymisation secret set, no dead letter leaves with u1's real id.
        String u1 = new UserIdPseudonyms(SECRET).pseudonym("u1");
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.raw()).doesNotContain("\"u1\""));
        assertThat(deadLetters).filteredOn(d -> d.raw().contains("\"user_id\":\"" + u1 + "\"")).hasSize(2);

        long in = parseCounter(jobId, "recordsIn");
        long parsed = parseCounter(jobId, "recordsParsed");
        long rejected = parseCounter(jobId, "recordsDeadLettered");
        assertThat(in).isEqualTo(scenario.inputs());
        assertThat(rejected).isEqualTo(scenario.malformed);
        assertThat(parsed + rejected).isEqualTo(in);
    }

    /** The recommendation is TopNSelector over x.w + 0.25 of the rows the topology assembled. */
    private static void assertMatchesLinearModel(Recommendation recommendation, ScoringTask task) {
        float[] scores = new float[task.rows()];
        for (int row = 0; row < task.rows(); row++) {
            double score = 0.25;
            for (int col = 0; col < task.width(); col++) {
                score += task.features()[row * task.width() + col] * (col - 10) / 8.0;
            }
            scores[row] = (float) score;
        }
        List<RecommendedItem> expected = TopNSelector.select(task.videoIds(), task.creatorIds(), scores, task.n(),
                JobSettings.from(new Configuration()).ranking().maxPerCreator());
        assertThat(ids(recommendation)).isEqualTo(expected.stream().map(RecommendedItem::videoId).toList());
        for (int i = 0; i < expected.size(); i++) {
            RecommendedItem actual = recommendation.items().get(i);
            assertThat(actual.rank()).isEqualTo(i + 1);
            assertThat(actual.score()).isCloseTo(expected.get(i).score(), within(1e-4f));
        }
    }

    /** A first run of the topology up to scoring: the feature rows each request was scored on. */
    private Map<String, ScoringTask> scoringTasks() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config());
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(inputs(env), JobSettings.from(config()));
        Map<String, ScoringTask> tasks = new HashMap<>();
        try (CloseableIterator<ScoringTask> it = features.scoringTasks().executeAndCollect("features-itcase")) {
            it.forEachRemaining(task -> assertThat(tasks.put(task.requestId(), task)).isNull());
        }
        assertThat(tasks).containsOnlyKeys("r-main", "r-cold");
        return tasks;
    }

    private ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        return new ReelRankWorkflow.Inputs(
                env.fromData(scenario.engagements, type),
                env.fromData(scenario.videos, type),
                env.fromData(scenario.requests, type));
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.interval", "100 ms");
        config.setString("pipeline.generic-types", "false");
        config.setString("pipeline.object-reuse", "true"); // as deployed (flink-conf/config.yaml)
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        config.set(ReelRankOptions.MODEL_REGISTRY, "../udf/src/test/resources/models/registry");
        config.set(ReelRankOptions.PRIVACY_USER_ID_SECRET, SECRET);
        return config;
    }

    /** Sums a counter of the three parsers' subtasks (ParseFunction's group "source" = topic). */
    private static long parseCounter(JobID jobId, String name) {
        List<Long> counts = REPORTER.getMetricsByGroup().entrySet().stream()
                .filter(e -> jobId.toString().equals(e.getKey().getAllVariables().get("<job_id>")))
                .filter(e -> e.getKey().getAllVariables().containsKey("<source>") && e.getValue().containsKey(name))
                .map(e -> ((Counter) e.getValue().get(name)).getCount())
                .toList();
        assertThat(counts).hasSize(3 * MINI_CLUSTER_SLOTS);
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    private static Recommendation byId(List<Recommendation> recommendations, String requestId) {
        return recommendations.stream().filter(r -> r.requestId().equals(requestId)).findFirst().orElseThrow();
    }

    private static List<String> ids(Recommendation recommendation) {
        return recommendation.items().stream().map(RecommendedItem::videoId).toList();
    }
}
