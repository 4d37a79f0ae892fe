package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block a starting job prints or logs, from the settings alone (no cluster). */
class StartupSummaryTest {
    private static final String REGISTRY = "../models/registry";

    @TempDir
    Path tmp;

    @Test
    void aLocalKafkaRunSaysWhatItServesReadsWritesAndHowItCheckpoints() {
        Configuration config = LocalRuntime.configuration(Map.of(), "summary-test");
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "broker-1:9092");
        config.set(ReelRankOptions.MODEL_REGISTRY, REGISTRY);

        String summary = StartupSummary.kafka(config, 2).withWebUi(URI.create("http://127.0.0.1:41234")).render();

        assertThat(summary.lines().findFirst().orElseThrow()).as("the build's version")
                .matches("ReelRank \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(summary.substring(summary.indexOf('\n') + 1)).isEqualTo(""
                + "  model        ranker/1 from ../models/registry (named by CURRENT)\n"
                + "  inputs       Kafka broker-1:9092: engagements, videos, rank-requests (group reelrank, starting at "
                + "committed offsets)\n"
                + "  outputs      Kafka broker-1:9092: recommendations, dead-letters (exactly-once)\n"
                + "  parallelism  2\n"
                + "  checkpoints  every 10 s, EXACTLY_ONCE, to " + config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY) + "\n"
                + "  state        rocksdb, incremental checkpoints\n"
                + "  web UI       http://127.0.0.1:41234\n");
    }

    @Test
    void aGeneratorRunNamesTheGeneratedWorldAndWhereItsOutputsGo() {
        Configuration config = LocalRuntime.configuration(Map.of(), "summary-test");
        config.set(ReelRankOptions.MODEL_REGISTRY, REGISTRY);
        config.set(ReelRankOptions.GENERATOR_ENGAGEMENTS, 200_000L);

        String summary = StartupSummary.generator(config, 4, "printed to stdout").render();

        assertThat(summary)
                .contains("  inputs       generator: 500 users, 2,000 videos, 200,000 engagements, 3,000 rank requests (seed 42)\n")
                .contains("  outputs      printed to stdout\n")
                .contains("  parallelism  4\n")
                .doesNotContain("web UI");
    }

    @Test
    void aClusterConfigurationWithoutCheckpointsSaysTheyAreOff() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "broker-1:9092");
        config.set(ReelRankOptions.MODEL_REGISTRY, REGISTRY);
        config.set(ReelRankOptions.KAFKA_STOP_AT_LATEST, true);

        String summary = StartupSummary.kafka(config, 1).render();

        assertThat(summary)
                .contains("(group reelrank, starting at committed offsets, until the offsets latest at start)")
                .contains("  checkpoints  off: nothing is committed to Kafka with exactly-once\n")
                .contains("  state        hashmap\n");
    }

    @Test
    void theModelLineNamesTheVersionCurrentPinsOrWhyNoneCanServe() throws IOException {
        Path registry = rankerOneWithCurrent("1");
        Configuration config = kafkaConfig(registry);
        assertThat(StartupSummary.kafka(config, 1).model()).isEqualTo("ranker/1 from " + registry + " (named by CURRENT)");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        config.set(ReelRankOptions.MODEL_REGISTRY, empty.toString());
        assertThat(StartupSummary.kafka(config, 1).model())
                .startsWith("ranker from " + empty + ": no usable version seen from here (no versions of model 'ranker' under ");
    }

    @Test
    void aCurrentNamingAMissingVersionSaysTheNewestValidOneServesInstead() throws IOException {
        Path registry = rankerOneWithCurrent("9");

        assertThat(StartupSummary.kafka(kafkaConfig(registry), 1).model())
                .startsWith("ranker/1 from " + registry + " (newest valid version; CURRENT names ranker/9, which cannot serve: ");
    }

    /** A registry holding the bundled ranker/1, with CURRENT naming {@code current}. */
    private Path rankerOneWithCurrent(String current) throws IOException {
        Path registry = tmp.resolve("registry");
        copy(Path.of(REGISTRY, "ranker", "1"), registry.resolve("ranker").resolve("1"));
        Files.writeString(registry.resolve("ranker").resolve("CURRENT"), current + "\n");
        return registry;
    }

    private static Configuration kafkaConfig(Path registry) {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "broker-1:9092");
        config.set(ReelRankOptions.MODEL_REGISTRY, registry.toString());
        return config;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
