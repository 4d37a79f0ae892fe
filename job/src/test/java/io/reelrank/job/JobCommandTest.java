package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class JobCommandTest {

    @Test
    void theJobsHelpListsEveryReelRankOptionWithDefaultAndDescription() {
        String help = ReelRankJob.COMMAND.help();

        assertThat(help).startsWith("usage: ReelRankJob [options]\n").contains("  --local\n");
        assertThat(OptionsTable.options()).allSatisfy(option -> assertThat(help).contains("  --" + option.key() + " "));
        assertThat(help)
                .contains("  --reelrank.input KAFKA|GENERATOR  (default: KAFKA)\n      KAFKA: read the three input topics")
                .contains("  --reelrank.kafka.transaction-timeout DURATION  (default: 15 min)\n")
                .contains("  --reelrank.kafka.bootstrap-servers VALUE\n      Kafka bootstrap servers (required with input KAFKA).")
                .contains("  --kafka.<property> VALUE\n", "  --<flink configuration key> VALUE\n");
    }

    @Test
    void theReadmesLocalRunParsesIntoTheLocalRuntimeWithTheSettingsOnTop() {
        Configuration config = JobCommand.localConfiguration(ReelRankJob.COMMAND.parse("--local",
                "--reelrank.kafka.bootstrap-servers", "localhost:9092", "--reelrank.kafka.starting-offsets", "earliest"), "job");

        assertThat(config.get(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("localhost:9092");
        assertThat(config.get(ReelRankOptions.KAFKA_STARTING_OFFSETS)).isEqualTo("earliest");
        assertThat(config.getString("state.backend.type", null)).isEqualTo("rocksdb");
        assertThat(config.keySet()).doesNotContain("local");
    }

    @Test
    void kafkaClientPropertiesAndFlinkKeysPassThroughAsSettings() {
        Configuration config = JobCommand.settings(ReelRankJob.COMMAND.parse(
                "--reelrank.input", "kafka", "--kafka.security.protocol", "SASL_SSL",
                "--execution.checkpointing.interval", "1 s", "--reelrank.watermark.idleness", "2 s"));

        assertThat(config.get(ReelRankOptions.INPUT)).isEqualTo(ReelRankOptions.Input.KAFKA);
        assertThat(config.getString("kafka.security.protocol", null)).isEqualTo("SASL_SSL");
        assertThat(config.getString("execution.checkpointing.interval", null)).isEqualTo("1 s");
        assertThat(config.get(ReelRankOptions.IDLENESS)).hasSeconds(2);
    }

    @Test
    void anUnknownReelRankKeyOrPlainNameIsAUsageError() {
        assertThatThrownBy(() -> DemoMain.COMMAND.parse("--reelrank.generator.user", "5"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --reelrank.generator.user");
        assertThatThrownBy(() -> DemoMain.COMMAND.parse("--users", "5"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --users");
    }

    @Test
    void aValueThatDoesNotParseAsItsOptionsTypeIsAUsageError() {
        assertThatThrownBy(() -> JobCommand.settings(DemoMain.COMMAND.parse("--reelrank.generator.users", "many")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--reelrank.generator.users is 'many', not a valid N");
        assertThatThrownBy(() -> JobCommand.settings(DemoMain.COMMAND.parse("--reelrank.input", "files")))
                .isInstanceOf(UsageException.class).hasMessage("--reelrank.input is 'files', not a valid KAFKA|GENERATOR");
        assertThatThrownBy(() -> JobCommand.settings(DemoMain.COMMAND.parse("--reelrank.watermark.idleness", "soon")))
                .isInstanceOf(UsageException.class).hasMessage("--reelrank.watermark.idleness is 'soon', not a valid DURATION");
    }

    @Test
    void theDocumentedCommandsOfTheOtherMainsParse() {
        assertThat(TrainingDataMain.COMMAND.parse("--out", "target/training.csv", "--reelrank.generator.seed", "7",
                "--reelrank.generator.engagements", "60000", "--reelrank.generator.requests", "6000").text("out"))
                .isEqualTo("target/training.csv");
        assertThat(TrainingDataMain.COMMAND.parse().text("out")).isEqualTo("target/training.csv");
        assertThat(FeatureLogMain.COMMAND.parse("--reelrank.feature-log.path", "target/feature-log").settings())
                .containsEntry("reelrank.feature-log.path", "target/feature-log");
        assertThat(DemoMain.COMMAND.parse("--reelrank.generator.engagements", "200000", "--reelrank.demo.print", "20")
                .settings()).hasSize(2);
    }

    @Test
    void validatingAModelTakesTheSessionOptionsOnly() {
        assertThat(ValidateModelMain.COMMAND.help())
                .startsWith("usage: ValidateModelMain validate <registry>/<model-name>/<version> [options]\n")
                .contains("  --reelrank.scoring.device ").doesNotContain("--reelrank.scoring.model-registry");
        assertThatThrownBy(() -> ValidateModelMain.COMMAND.parse("validate", "r/ranker/1", "--reelrank.generator.users", "5"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --reelrank.generator.users");
    }

    @Test
    void everyReelRankOptionTheDocsPassIsDeclared() throws IOException {
        Pattern flag = Pattern.compile("--(reelrank\\.[a-z0-9.-]*[a-z0-9])");
        List<String> keys = OptionsTable.options().stream().map(option -> option.key()).toList();
        int passed = 0;
        for (Path doc : documents()) {
            Matcher matcher = flag.matcher(Files.readString(doc));
            while (matcher.find()) {
                String key = matcher.group(1);
                if (!key.equals("reelrank.scoring")) { // "--reelrank.scoring.*" in prose
                    assertThat(keys).as("--%s in %s", key, doc).contains(key);
                    passed++;
                }
            }
        }
        assertThat(passed).as("options passed in the docs").isGreaterThan(20);
    }

    /** Where the job's invocations are documented: README, docs, docker, scripts. */
    private static List<Path> documents() throws IOException {
        Path root = Path.of("..");
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("models/README.md")));
        for (String dir : List.of("docs", "docker", "scripts")) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                files.filter(path -> path.toString().matches(".*\\.(md|sh|yml|yaml)$")).forEach(documents::add);
            }
        }
        return documents;
    }
}
