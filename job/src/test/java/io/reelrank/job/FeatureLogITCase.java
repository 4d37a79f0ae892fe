package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real topology over a small generator world with the feature log on, sunk by the real
 * exactly-once file sink. Each request has fewer candidates than its n and no per-creator cap
 * applies, so every scored candidate is in its recommendation: the log must hold each of them
 * exactly once, with the recommendation's score and model version, and the label join must turn
 * each logged row into exactly one example carrying the same features. Then the training
 * side's pure-Python reader must accept the written directory.
 */
class FeatureLogITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    @TempDir
    static Path logDir;

    private static final List<Recommendation> recommendations = new ArrayList<>();
    private static List<JsonNode> rows;
    private static List<JsonNode> examples;
    private static List<JsonNode> requests;

    @BeforeAll
    static void runTheWorkflowWithTheFeatureLog() throws Exception {
        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.interval", "200 ms");
        config.setString("pipeline.generic-types", "false");
        config.setString("pipeline.object-reuse", "true"); // as deployed (flink-conf/config.yaml)
        config.setString("parallelism.default", "2");
        config.set(ReelRankOptions.MODEL_REGISTRY, "../models/registry");
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        config.set(ReelRankOptions.GENERATOR_USERS, 20);
        config.set(ReelRankOptions.GENERATOR_VIDEOS, 60);
        config.set(ReelRankOptions.GENERATOR_ENGAGEMENTS, 3_000L);
        config.set(ReelRankOptions.GENERATOR_REQUESTS, 150L);
        config.set(ReelRankOptions.GENERATOR_CANDIDATES, 8);
        config.set(ReelRankOptions.MAX_PER_CREATOR, 100);
        config.set(ReelRankOptions.FEATURE_LOG_ENABLED, true);
        config.set(ReelRankOptions.FEATURE_LOG_PATH, logDir.toUri().toString());
        config.set(ReelRankOptions.FEATURE_LOG_LABEL_HORIZON, java.time.Duration.ofHours(6));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        JobSettings settings = JobSettings.from(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), settings);
        FeatureLogSink.attach(outputs, settings);
        try (CloseableIterator<Recommendation> recs = outputs.recommendations().collectAsync()) {
            var job = env.executeAsync("feature-log-itcase");
            recs.forEachRemaining(recommendations::add);
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        }
        rows = read(logDir.resolve(FeatureLogSink.ROWS));
        examples = read(logDir.resolve(FeatureLogSink.EXAMPLES));
        requests = read(logDir.resolve(FeatureLogSink.REQUESTS));
    }

    @Test
    void everyScoredRequestIsLoggedOnceWithTheHistoryItWasScoredWith() {
        Map<String, JsonNode> byId = new HashMap<>();
        requests.forEach(line -> assertThat(byId.put(line.get("request_id").asText(), line)).as("logged twice").isNull());
        long withHistory = 0;
        for (Recommendation recommendation : recommendations) {
            JsonNode line = byId.get(recommendation.requestId());
            assertThat(line).as("request line of %s", recommendation.requestId()).isNotNull();
            assertThat(line.get("user_id").asText()).isEqualTo(recommendation.userId());
            assertThat(line.get("model_version").asText()).isEqualTo(recommendation.modelVersion());
            assertThat(line.get("event_ts").asLong()).isEqualTo(recommendation.eventTs());
            JsonNode ids = line.get("history_video_ids");
            JsonNode actions = line.get("history_actions");
            JsonNode ages = line.get("history_age_hours");
            assertThat(ids.size()).isEqualTo(actions.size()).isEqualTo(ages.size()).isLessThanOrEqualTo(50);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(actions.get(i).asInt()).as("an engagement other than an impression").isBetween(2, 7);
                assertThat(ages.get(i).asDouble()).as("newest first").isGreaterThanOrEqualTo(i == 0 ? 0 : ages.get(i - 1).asDouble());
            }
            withHistory += ids.isEmpty() ? 0 : 1;
        }
        assertThat(withHistory).as("users engaged before most requests").isGreaterThan(recommendations.size() / 2);
    }

    @Test
    void everyScoredCandidateIsLoggedOnceWithItsScoreAndModelVersion() {
        assertThat(recommendations).hasSizeGreaterThan(100);
        Map<String, JsonNode> logged = byRequestAndVideo(rows);
        assertThat(logged).as("no row logged twice").hasSameSizeAs(rows);
        long items = 0;
        for (Recommendation recommendation : recommendations) {
            for (RecommendedItem item : recommendation.items()) {
                items++;
                JsonNode row = logged.get(recommendation.requestId() + "/" + item.videoId());
                assertThat(row).as("logged row of %s/%s", recommendation.requestId(), item.videoId()).isNotNull();
                assertThat(row.get("model_version").asText()).isEqualTo(recommendation.modelVersion());
                assertThat((float) row.get("score").asDouble()).isEqualTo(item.score());
                assertThat(row.get("user_id").asText()).isEqualTo(recommendation.userId());
                assertThat(row.get("event_ts").asLong()).isEqualTo(recommendation.eventTs());
                assertThat(row.get("trigger").asText()).isEqualTo(recommendation.trigger().wireName());
                assertThat(row.get("feature_spec_hash").asText()).isEqualTo(JobSettings.from(new Configuration()).spec().hash());
                assertThat(row.get("features")).hasSize(21);
            }
        }
        assertThat(rows).as("every logged row was a recommended (i.e. scored) candidate").hasSize((int) items);
    }

    @Test
    void theLabelJoinTurnsEachLoggedRowIntoOneExampleWithTheSameFeatures() {
        Map<String, JsonNode> logged = byRequestAndVideo(rows);
        Map<String, JsonNode> labelled = byRequestAndVideo(examples);
        assertThat(labelled).as("one example per logged row").hasSameSizeAs(examples);
        assertThat(labelled.keySet()).isEqualTo(logged.keySet());
        labelled.forEach((key, example) -> {
            JsonNode row = logged.get(key);
            assertThat(example.get("features")).as(key).isEqualTo(row.get("features"));
            assertThat(example.get("model_version")).isEqualTo(row.get("model_version"));
            assertThat(example.get("feature_spec_hash")).isEqualTo(row.get("feature_spec_hash"));
            assertThat(example.get("label").asInt()).isIn(0, 1);
            assertThat(example.has("label_action")).isEqualTo(example.get("label").asInt() == 1);
            List<String> actions = new ArrayList<>();
            example.get("actions").forEach(action -> actions.add(action.asText()));
            assertThat(actions).as(key).isSorted().doesNotHaveDuplicates().doesNotContain("impression");
            if (example.has("label_action")) {
                assertThat(actions).as(key).contains(example.get("label_action").asText());
            }
            if (example.get("watch_ms").asLong() > 0) {
                assertThat(actions).as("only plays carry a watch time").contains("play");
            }
        });
        assertThat(examples).as("a negative still records what the user did, such as a skip").anySatisfy(e -> {
            assertThat(e.get("label").asInt()).isZero();
            assertThat(e.get("actions")).isNotEmpty();
        });
        long positives = examples.stream().filter(e -> e.get("label").asInt() == 1).count();
        assertThat(positives).as("users of a 60-video world play some candidates within 6 hours")
                .isPositive().isLessThan(examples.size());
    }

    @Test
    void thePurePythonTrainingReaderAcceptsTheWrittenExamples() throws Exception {
        Optional<Path> python = onPath("python3");
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on PATH: the Python reading check is skipped");
        Process process = new ProcessBuilder(python.get().toString(), "../models/train/training_examples.py",
                logDir.resolve(FeatureLogSink.EXAMPLES).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        JsonNode summary = Json.MAPPER.readTree(output);
        assertThat(summary.get("format").asText()).isEqualTo("feature-log");
        assertThat(summary.get("rows").asInt()).isEqualTo(examples.size());
        assertThat(summary.get("positives").asLong())
                .isEqualTo(examples.stream().filter(e -> e.get("label").asInt() == 1).count());
    }

    private static Map<String, JsonNode> byRequestAndVideo(List<JsonNode> lines) {
        Map<String, JsonNode> byKey = new HashMap<>();
        lines.forEach(line -> byKey.put(line.get("request_id").asText() + "/" + line.get("video_id").asText(), line));
        return byKey;
    }

    /** Every line of the finished part files; in-progress files (hidden, '.'-prefixed) must not remain. */
    private static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(file.getFileName().toString()).as("finished part file").doesNotStartWith(".");
                for (String line : Files.readAllLines(file)) {
                    lines.add(Json.MAPPER.readTree(line));
                }
            }
        }
        return lines;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
