package io.reelrank.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.job.DashboardMetrics;
import io.reelrank.tools.kafka.CreateTopicsMain;
import io.reelrank.tools.kafka.LocalKafkaBroker;
import io.reelrank.tools.kafka.ReelRankTopics;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.contract.Video;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * ReelRank operated on a real standalone Flink 2.2 cluster: a JobManager and a TaskManager in
 * their own JVMs on this host, configured by flink-conf/config-host.yaml, fed by a real Kafka
 * broker whose topics the topics command created. The shaded jar goes in over the REST API
 * exactly as docs/cluster.md shows it (its request body, with this broker's address), and then:
 * <ol>
 *   <li>it answers every replayed request (read_committed, so through committed transactions),
 *       with the documented parallelism and the cluster's state backend and checkpointing (the
 *       job sets none itself), scored by the model packaged in the job jar; the JobManager and
 *       the TaskManager each serve Prometheus metrics on a port of their own;
 *   <li>stop-with-savepoint, then a resubmission from that savepoint, restores the user state:
 *       the same probe request (same user, candidates and event time; no engagements in
 *       between) gets the same ranking with the same scores as before the stop. Video stats
 *       reach the ranker over the broadcast side as event time advances, so the "before" answer
 *       is taken once two probes in a row agree, i.e. once those stats have settled;
 *   <li>cancel and a fresh submission run in the same TaskManager JVM: ONNX Runtime, loaded
 *       parent-first from lib/, serves the new job's class loader too.
 * </ol>
 * Logs of all processes stay in {@code target/standalone-cluster-it/}.
 */
class StandaloneClusterITCase {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "standalone-cluster-it").toAbsolutePath();
    private static final String OPERATOR_METRIC_PREFIX = "flink_taskmanager_job_task_operator_";
    /** Deadlines for a machine with two busy cores; a healthy run needs a fraction of them. */
    private static final Duration JOB_START = Duration.ofMinutes(2);
    private static final Duration ANSWERS = Duration.ofMinutes(4);
    private static final Duration ANSWER = Duration.ofMinutes(2);
    private static final Duration SAVEPOINT = Duration.ofMinutes(3);
    private static final int MAX_PROBES = 6;
    private static final List<String> RANKER_COUNTERS = List.of("requests", "candidatesIn",
            "candidatesDroppedUnknown", "candidatesDroppedDeleted", "candidatesDroppedSeen", "catalogIndexedVideos");

    private final SyntheticWorld world = SyntheticWorld.create(
            WorldSettings.defaults().withUsers(50).withCatalog(200, 20, 6));

    @Test
    void runsStopsWithSavepointRestoresAndResubmitsIntoTheSameTaskManager() throws Exception {
        ClusterWorkDir.clean(WORK);
        long began = System.nanoTime();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(WORK.resolve("kafka"));
             StandaloneFlinkCluster cluster = StandaloneFlinkCluster.start(
                     ROOT.resolve("flink-conf").resolve("config-host.yaml"), WORK.resolve("flink"));
             ClusterTraffic traffic = new ClusterTraffic(broker)) {
            long started = System.nanoTime();
            CreateTopicsMain.ensure(broker.clientProperties(), ReelRankTopics.all(2, Optional.empty()));
            ClusterTraffic.Written written = traffic.writeWorld(world, 2_000, 100);
            long worldWritten = System.nanoTime();
            FlinkRestClient rest = cluster.rest();
            DocumentedSubmission documented = DocumentedSubmission.read(ROOT.resolve("docs").resolve("cluster.md"));
            assertThat(ROOT.relativize(ClusterWorkDir.jobJar()).toString()).as("the jar docs/cluster.md uploads")
                    .isEqualTo(documented.uploadedJar());
            String jar = rest.uploadJar(ClusterWorkDir.jobJar());
            // Set-up is timed apart from the phases below, so a slow run shows which part was slow.
            System.out.printf("StandaloneClusterITCase: broker and cluster started in %.1f s, topics and world written"
                    + " in %.1f s, jar uploaded in %.1f s%n", seconds(began, started), seconds(started, worldWritten),
                    seconds(worldWritten, System.nanoTime()));
            ObjectNode submission = documented.runBody(broker.bootstrapServers());
            List<String> taskManagers = rest.taskManagerIds();

            try (RecommendationsReader answers = new RecommendationsReader(broker.clientProperties(),
                    Topics.RECOMMENDATIONS)) {
                long submitted = System.nanoTime();
                String first = start(rest, jar, submission, null);
                assertCheckpointingComesFromTheClusterConfig(rest.get("/jobs/" + first + "/checkpoints/config"));
                assertThat(rest.job(first).path("vertices").findValuesAsText("parallelism")).as("parallelism")
                        .isNotEmpty().containsOnly(submission.path("parallelism").asText());

                Map<String, Recommendation> replayed = awaitAnswers(rest, first, answers, written);
                assertThat(replayed.values()).allSatisfy(r -> assertThat(r.modelVersion()).startsWith("ranker/"))
                        .anySatisfy(r -> assertThat(r.items()).isNotEmpty());
                long allAnswered = System.nanoTime();
                Recommendation before = settledProbeAnswer(rest, cluster, first, traffic, answers, written);
                String scrape = rest.getText(cluster.taskManagerMetricsUrl());
                Files.writeString(WORK.resolve("taskmanager-metrics.txt"), scrape);
                assertTheDashboardsMetricsAreExported(scrape);
                assertThat(cluster.jobManagerMetricsUrl()).as("the JobManager's own Prometheus port")
                        .isNotEqualTo(cluster.taskManagerMetricsUrl());
                assertThat(rest.getText(cluster.jobManagerMetricsUrl())).contains("flink_jobmanager_");

                String savepoint = rest.stopWithSavepoint(first, WORK.resolve("savepoints"), SAVEPOINT);
                rest.awaitJobState(first, "FINISHED", JOB_START);
                long stopped = System.nanoTime();
                String restored = start(rest, jar, submission, savepoint);
                JsonNode restore = rest.get("/jobs/" + restored + "/checkpoints").path("latest").path("restored");
                assertThat(restore.path("is_savepoint").asBoolean()).as("restored from a savepoint: %s", restore).isTrue();
                assertThat(restore.path("external_path").asText()).isEqualTo(savepoint);

                Recommendation after = probe(rest, restored, traffic, answers, "probe-after-restore", written);
                assertSameRanking(after, before);
                long restoredAnswer = System.nanoTime();
                assertThat(answers.answerCounts()).as("answers per request after the restore")
                        .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));

                rest.cancel(restored);
                rest.awaitJobState(restored, "CANCELED", JOB_START);
                String resubmitted = start(rest, jar, submission, null);
                Recommendation fresh = probeUntilRanked(rest, resubmitted, traffic, answers, "probe-resubmitted", written);
                assertThat(fresh.modelVersion()).isEqualTo(before.modelVersion());
                System.out.printf("StandaloneClusterITCase: %d requests answered %.1f s after the first submission;"
                                + " stop-with-savepoint %.1f s; restored probe answered %.1f s after resubmission;"
                                + " resubmitted job ranked (%s) %.1f s after submission%n", written.requestIds().size(),
                        seconds(submitted, allAnswered), seconds(allAnswered, stopped), seconds(stopped, restoredAnswer),
                        fresh.trigger(), seconds(restoredAnswer, System.nanoTime()));
            }
            assertThat(rest.taskManagerIds()).as("TaskManagers after three submissions").isEqualTo(taskManagers);
            assertThat(cluster.isTaskManagerAlive()).as("the TaskManager JVM of all three submissions").isTrue();
            assertThat(cluster.taskManagerLog()).as("TaskManager log")
                    .doesNotContain("UnsatisfiedLinkError", "already loaded in another classloader");
            assertThat(cluster.taskManagerLog().split("Loaded ONNX model ranker/", -1).length - 1)
                    .as("ONNX sessions opened, one per submission's class loader").isGreaterThanOrEqualTo(3);
        }
    }

    private static String start(FlinkRestClient rest, String jar, ObjectNode submission, String savepoint)
            throws Exception {
        String jobId = rest.runJar(jar, submission, savepoint);
        rest.awaitJobState(jobId, "RUNNING", JOB_START);
        return jobId;
    }

    /**
     * ReelRankJob sets no state backend or checkpointing itself, and the documented submission
     * passes none: RocksDB, exactly-once mode, the interval, the checkpoint timeout and retention
     * must come from config-host.yaml.
     */
    private static void assertCheckpointingComesFromTheClusterConfig(JsonNode config) {
        assertThat(config.path("state_backend").asText()).as("%s", config).containsIgnoringCase("rocksdb");
        assertThat(config.path("checkpoint_storage").asText()).as("%s", config).contains("FileSystem");
        assertThat(config.path("mode").asText()).as("%s", config).isEqualToIgnoringCase("exactly_once");
        assertThat(config.path("timeout").asLong()).as("%s", config).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(config.path("interval").asLong()).as("%s", config).isEqualTo(Duration.ofSeconds(10).toMillis());
        assertThat(config.at("/externalization/enabled").asBoolean()).as("%s", config).isTrue();
        assertThat(config.at("/externalization/delete_on_cancellation").asBoolean()).as("%s", config).isFalse();
    }

    private static void assertTheDashboardsMetricsAreExported(String scrape) {
        for (String metric : DashboardMetrics.OPERATOR_METRICS) {
            assertThat(scrape).as("TaskManager's Prometheus endpoint exports %s", metric)
                    .contains(OPERATOR_METRIC_PREFIX + metric);
        }
    }

    private static Map<String, Recommendation> awaitAnswers(FlinkRestClient rest, String jobId,
            RecommendationsReader answers, ClusterTraffic.Written written) throws Exception {
        return JobContext.explain(rest, jobId, () -> answers.awaitAnswers(written.requestIds(), ANSWERS));
    }

    /**
     * Probes until two answers in a row rank the same videos with the same scores. Each answer is
     * recorded with the ranker's candidate counters at that moment, so a failure says why
     * candidates were dropped (unknown, deleted, seen) and how much of the catalog was indexed.
     */
    private Recommendation settledProbeAnswer(FlinkRestClient rest, StandaloneFlinkCluster cluster, String jobId,
            ClusterTraffic traffic, RecommendationsReader answers, ClusterTraffic.Written written) throws Exception {
        Recommendation previous = null;
        StringBuilder history = new StringBuilder();
        for (int attempt = 1; attempt <= MAX_PROBES; attempt++) {
            Recommendation answer = probe(rest, jobId, traffic, answers, "probe-before-" + attempt, written);
            history.append(String.format("%n  %s: %s, %d items; ranker: %s", answer.requestId(), answer.trigger(),
                    answer.items().size(), rankerCounters(rest, cluster)));
            if (previous != null && !answer.items().isEmpty() && sameRanking(answer, previous)) {
                return answer;
            }
            previous = answer;
        }
        throw new AssertionError(MAX_PROBES + " probes never agreed twice in a row; last: " + previous
                + "; answers:" + history + "; job: " + rest.get("/jobs/" + jobId).path("status-counts")
                + ", exceptions: " + rest.get("/jobs/" + jobId + "/exceptions"));
    }

    /** The ranker's request and candidate counters from the TaskManager's Prometheus endpoint, as name=value. */
    private static String rankerCounters(FlinkRestClient rest, StandaloneFlinkCluster cluster) throws InterruptedException {
        String scrape;
        try {
            scrape = rest.getText(cluster.taskManagerMetricsUrl());
        } catch (IOException e) {
            return "(no scrape: " + e.getMessage() + ")";
        }
        StringBuilder counters = new StringBuilder();
        for (String line : scrape.split("\n")) {
            for (String metric : RANKER_COUNTERS) {
                if (line.startsWith(OPERATOR_METRIC_PREFIX + metric + "{")) {
                    counters.append(metric).append('=').append(line.substring(line.lastIndexOf(' ') + 1)).append(' ');
                }
            }
        }
        return counters.toString().trim();
    }

    private Recommendation probeUntilRanked(FlinkRestClient rest, String jobId, ClusterTraffic traffic,
            RecommendationsReader answers, String name, ClusterTraffic.Written written) throws Exception {
        // A fresh job reads the catalog again from the start; until then candidates are unknown.
        for (int attempt = 1; attempt <= MAX_PROBES; attempt++) {
            Recommendation answer = probe(rest, jobId, traffic, answers, name + "-" + attempt, written);
            if (!answer.items().isEmpty()) {
                return answer;
            }
        }
        throw new AssertionError("no probe got a ranked answer from the resubmitted job " + jobId);
    }

    /** The same request each time but for its id: one user with history, fixed candidates and time. */
    private Recommendation probe(FlinkRestClient rest, String jobId, ClusterTraffic traffic,
            RecommendationsReader answers, String requestId, ClusterTraffic.Written written) throws Exception {
        List<String> candidates = world.catalog().stream().limit(40).map(Video::videoId).toList();
        traffic.send(new RankRequest(requestId, written.userWithHistory(), candidates, 10,
                written.lastEngagementTs() + Duration.ofMinutes(1).toMillis()));
        return JobContext.explain(rest, jobId, () -> answers.awaitAnswer(requestId, ANSWER));
    }

    private static void assertSameRanking(Recommendation actual, Recommendation expected) {
        assertThat(actual.trigger()).as("the user's history survived the restore").isEqualTo(Trigger.REQUEST);
        assertThat(actual.modelVersion()).isEqualTo(expected.modelVersion());
        assertThat(actual.items()).extracting(RecommendedItem::videoId)
                .as("ranking after restore").containsExactlyElementsOf(
                        expected.items().stream().map(RecommendedItem::videoId).toList());
        for (int i = 0; i < expected.items().size(); i++) {
            assertThat(actual.items().get(i).score()).as("score of %s", expected.items().get(i).videoId())
                    .isCloseTo(expected.items().get(i).score(), within(1e-6f));
        }
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static boolean sameRanking(Recommendation a, Recommendation b) {
        if (a.items().size() != b.items().size()) {
            return false;
        }
        for (int i = 0; i < a.items().size(); i++) {
            RecommendedItem x = a.items().get(i);
            RecommendedItem y = b.items().get(i);
            if (!x.videoId().equals(y.videoId()) || Math.abs(x.score() - y.score()) > 1e-6f) {
                return false;
            }
        }
        return true;
    }
}
