package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.scoring.ScoringDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishes model versions into the registry of a running job: a valid ranker/2 and, in the same
 * moment, a corrupt ranker/3. The job must reject 3, swap to 2 without a restart, and stamp the
 * recommendations scored after the swap with ranker/2. The generator is rate-limited so the job
 * is still running when the versions land; the test cancels it once it has seen the switch.
 *
 * <p>Then a user's report, replayed: {@code CURRENT} pointed at a version validation had already
 * rejected, a savepoint, and a restore from it, which used to restart in a loop. It must neither
 * stop nor restart the job: the pointer shows in {@code modelPointerRejected}, and the restored job
 * resumes on the version that served at the savepoint.
 */
@Timeout(180)
class ModelHotSwapITCase {

    private static final Path DEFAULT_MODEL = Path.of("..", "models", "registry", "ranker", "1");
    // Recommendations read after the first ranker/2; the last third must all be ranker/2 (the first
    // ones may still include ranker/1 results that were scored before the swap and sat in a network buffer).
    private static final int AFTER_SWAP = 300;
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    Path registry;

    @Test
    void recommendationsSwitchToTheNewVersionWhileTheJobRuns() throws Exception {
        publish("1", json -> {});
        Configuration config = config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), JobSettings.from(config));

        List<String> versions = new ArrayList<>();
        JobID jobId;
        try (CloseableIterator<Recommendation> recommendations = outputs.recommendations().collectAsync()) {
            JobClient job = env.executeAsync("model-hot-swap-itcase");
            jobId = job.getJobID();
            int sinceSwap = 0;
            while (sinceSwap < AFTER_SWAP && recommendations.hasNext()) {
                String version = recommendations.next().modelVersion();
                versions.add(version);
                if (versions.size() == 1) {
                    publish("2", json -> {});
                    publish("3", json -> json.put("model_sha256", "0".repeat(64)));
                }
                if (sinceSwap > 0 || version.equals("ranker/2")) {
                    sinceSwap++;
                }
            }
            job.cancel().get();
        }

        assertThat(versions.get(0)).isEqualTo("ranker/1");
        assertThat(versions).as("every recommendation names the version that scored it")
                .containsOnly("ranker/1", "ranker/2");
        assertThat(versions.subList(versions.size() - AFTER_SWAP / 3, versions.size()))
                .as("once swapped, the job keeps serving ranker/2").containsOnly("ranker/2");
        assertThat(scorerCounter(jobId, "modelSwaps")).isPositive();
        assertThat(scorerCounter(jobId, "modelRejections")).as("ranker/3 was rejected").isPositive();
    }

    @Test
    void aRestoreWhileCurrentNamesARejectedVersionResumesOnTheSavepointsVersionWithoutRestarting(
            @TempDir Path savepoints) throws Exception {
        publish("1", json -> {});
        publish("2", json -> {});
        publish("3", json -> json.put("model_sha256", "0".repeat(64))); // rejected on the way to ranker/2
        String savepoint;
        try (DrainedJob job = DrainedJob.start(config(), "model-pointer-itcase")) {
            assertThat(job.nextVersions(1)).containsOnly("ranker/2");
            point("3");
            awaitGauge(job.id(), "modelPointerRejected", 1);
            assertThat(job.nextVersions(50)).as("CURRENT -> a rejected version changes nothing").containsOnly("ranker/2");
            savepoint = job.client.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        }

        Configuration restore = config();
        restore.setString("execution.state-recovery.path", savepoint);
        // The collect sink is not part of the topology and gets a new operator id per job.
        restore.setString("execution.state-recovery.ignore-unclaimed-state", "true");
        restore.setString("restart-strategy.type", "fixed-delay");
        restore.setString("restart-strategy.fixed-delay.attempts", "3");
        restore.setString("restart-strategy.fixed-delay.delay", "100 ms");
        try (DrainedJob job = DrainedJob.start(restore, "model-pointer-itcase-restored")) {
            assertThat(job.nextVersions(200)).as("resumed on the savepoint's version").containsOnly("ranker/2");
            awaitGauge(job.id(), "modelPointerRejected", 1);
            assertThat(scorerCounter(job.id(), "modelRejections")).as("ranker/3 is reported again").isPositive();
            assertThat(REPORTER.findJobMetricGroups(job.id(), "numRestarts")).isNotEmpty()
                    .allSatisfy(metric -> assertThat(((Gauge<?>) metric.f2).getValue()).isEqualTo(0L));
        }
    }

    private Configuration config() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.MODEL_REGISTRY, registry.toUri().toString());
        config.setString("pipeline.generic-types", "false");
        config.set(ReelRankOptions.GENERATOR_USERS, 50);
        config.set(ReelRankOptions.GENERATOR_VIDEOS, 200);
        config.set(ReelRankOptions.GENERATOR_CANDIDATES, 20);
        config.set(ReelRankOptions.GENERATOR_ENGAGEMENTS, 400_000L);
        config.set(ReelRankOptions.GENERATOR_REQUESTS, 200_000L);
        // About 500 requests per second for up to 400 s: long enough never to end before the swap.
        config.set(ReelRankOptions.GENERATOR_RATE, 1_000.0);
        config.set(ReelRankOptions.MODEL_POLL_INTERVAL, Duration.ofMillis(100));
        config.set(ReelRankOptions.DEVICE, ScoringDevice.CPU);
        return config;
    }

    /** Copies the default model as {@code version}, model.json edited, renamed into place as the trainer does. */
    private void publish(String version, Consumer<ObjectNode> edit) throws Exception {
        Path staging = Files.createDirectories(registry.resolve("ranker").resolve("." + version + ".upload"));
        Files.copy(DEFAULT_MODEL.resolve(ModelRegistry.MODEL_FILE), staging.resolve(ModelRegistry.MODEL_FILE));
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(DEFAULT_MODEL.resolve(ModelRegistry.METADATA_FILE).toFile());
        json.put("version", version);
        edit.accept(json);
        Files.write(staging.resolve(ModelRegistry.METADATA_FILE), Json.MAPPER.writeValueAsBytes(json));
        Files.move(staging, registry.resolve("ranker").resolve(version), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the CURRENT pointer atomically, as models/README.md says to. */
    private void point(String version) throws Exception {
        Path temp = registry.resolve("ranker").resolve(".CURRENT.tmp");
        Files.writeString(temp, version + "\n");
        Files.move(temp, registry.resolve("ranker").resolve(ModelRegistry.POINTER_FILE), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until every scorer subtask's gauge {@code name} reads {@code value}. */
    private static void awaitGauge(JobID jobId, String name, Object value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<Object> values = REPORTER.getMetricsByGroup().entrySet().stream()
                    .filter(e -> jobId.toString().equals(e.getKey().getAllVariables().get("<job_id>")))
                    .filter(e -> e.getValue().containsKey(name))
                    .<Object>map(e -> ((Gauge<?>) e.getValue().get(name)).getValue())
                    .toList();
            if (!values.isEmpty() && values.stream().allMatch(value::equals)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gauge " + name + " reads " + values + ", not " + value + ", after 60 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The largest value of a scorer counter over the job's subtasks (the watcher is per TaskManager). */
    private static long scorerCounter(JobID jobId, String name) {
        return REPORTER.getMetricsByGroup().entrySet().stream()
                .filter(e -> jobId.toString().equals(e.getKey().getAllVariables().get("<job_id>")))
                .filter(e -> e.getValue().containsKey(name))
                .mapToLong(e -> ((Counter) e.getValue().get(name)).getCount())
                .max().orElse(0);
    }
}
