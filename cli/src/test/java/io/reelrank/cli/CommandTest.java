package io.reelrank.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final Command REPLAY = Command.named("ReplayMain", "Loads files into ReelRank's topics.")
            .with(Option.text("bootstrap", "HOST:PORT", "Kafka bootstrap servers.").asRequired(),
                    Option.decimal("rate", "RECORDS_PER_SECOND", "Records per second, 0 = unlimited.").withDefault(1000),
                    Option.integer("partitions", "N", "Partitions of each topic.").withDefault(2),
                    Option.longInteger("max", "N", "Records to read."),
                    Option.text("device", "cpu|cuda", "Where to score.").withChoices("cpu", "cuda").withDefault("cpu"),
                    Option.flag("quick", "A few seconds per part."))
            .withSettings("ReelRank options:", List.of(
                    Option.text("reelrank.input", "KAFKA|GENERATOR", "Where the inputs come from.").withDefault("KAFKA")))
            .accepting(new KeyPattern("kafka.<property>", "A Kafka client property.", key -> key.startsWith("kafka.")));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theHelpListsEveryOptionWithItsArgumentDefaultAndDescription() {
        String help = REPLAY.help();

        assertThat(help).startsWith("usage: ReplayMain --bootstrap HOST:PORT [options]\n")
                .contains("Loads files into ReelRank's topics.")
                .contains("  --bootstrap HOST:PORT  (required)\n      Kafka bootstrap servers.\n")
                .contains("  --rate RECORDS_PER_SECOND  (default: 1000)\n      Records per second, 0 = unlimited.\n")
                .contains("  --max N\n      Records to read.\n")
                .contains("  --quick\n      A few seconds per part.\n")
                .contains("  --help\n      Prints this help and exits.\n")
                .contains("ReelRank options:\n  --reelrank.input KAFKA|GENERATOR  (default: KAFKA)\n")
                .contains("also accepted:\n  --kafka.<property> VALUE\n      A Kafka client property.\n");
    }

    @Test
    void helpPrintsTheHelpAndRunsNothing() throws Exception {
        List<Arguments> runs = new ArrayList<>();

        int status = execute(runs, "--rate", "5", "--help");

        assertThat(status).isZero();
        assertThat(runs).isEmpty();
        assertThat(out()).isEqualTo(REPLAY.help());
        assertThat(err()).isEmpty();
    }

    @Test
    void anUnknownOptionFailsWithOneLineNamingItAndPointingAtHelp() throws Exception {
        List<Arguments> runs = new ArrayList<>();

        int status = execute(runs, "--bootstrap", "localhost:9092", "--rat", "5");

        assertThat(status).isEqualTo(2);
        assertThat(runs).isEmpty();
        assertThat(err()).isEqualTo("ReplayMain: unknown option --rat; --help lists the options\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingValueNamesTheOptionAndItsArgument() {
        assertThatThrownBy(() -> REPLAY.parse("--bootstrap", "b:1", "--rate"))
                .isInstanceOf(UsageException.class).hasMessage("--rate needs a value (RECORDS_PER_SECOND)");
        assertThatThrownBy(() -> REPLAY.parse("--bootstrap", "--rate", "5"))
                .isInstanceOf(UsageException.class).hasMessage("--bootstrap needs a value (HOST:PORT)");
        assertThatThrownBy(() -> REPLAY.parse("--kafka.security.protocol"))
                .isInstanceOf(UsageException.class).hasMessage("--kafka.security.protocol needs a value");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        assertThatThrownBy(() -> REPLAY.parse("--rate", "5"))
                .isInstanceOf(UsageException.class).hasMessage("--bootstrap HOST:PORT is required");
    }

    @Test
    void defaultsApplyWhereNothingIsGiven() {
        Arguments arguments = REPLAY.parse("--bootstrap", "localhost:9092");

        assertThat(arguments.decimal("rate")).isEqualTo(1000.0);
        assertThat(arguments.integer("partitions")).isEqualTo(2);
        assertThat(arguments.text("device")).isEqualTo("cpu");
        assertThat(arguments.optional("max")).isEmpty();
        assertThat(arguments.has("rate")).isFalse();
        assertThat(arguments.flag("quick")).isFalse();
        assertThat(arguments.settings()).isEmpty();
    }

    @Test
    void givenValuesArriveTyped() {
        Arguments arguments = REPLAY.parse("--bootstrap", "localhost:9092", "--rate", "2.5", "--partitions", "-1",
                "--max", "10000000000", "--device", "cuda", "--quick");

        assertThat(arguments.text("bootstrap")).isEqualTo("localhost:9092");
        assertThat(arguments.decimal("rate")).isEqualTo(2.5);
        assertThat(arguments.integer("partitions")).isEqualTo(-1);
        assertThat(arguments.longInteger("max")).isEqualTo(10_000_000_000L);
        assertThat(arguments.text("device")).isEqualTo("cuda");
        assertThat(arguments.flag("quick")).isTrue();
        assertThat(arguments.has("rate")).isTrue();
    }

    @Test
    void aValueOfTheWrongTypeOrNotAChoiceIsAUsageError() {
        assertThatThrownBy(() -> REPLAY.parse("--bootstrap", "b:1", "--partitions", "two"))
                .isInstanceOf(UsageException.class).hasMessage("--partitions needs a whole number, not 'two'");
        assertThatThrownBy(() -> REPLAY.parse("--bootstrap", "b:1", "--rate", "fast"))
                .isInstanceOf(UsageException.class).hasMessage("--rate needs a number, not 'fast'");
        assertThatThrownBy(() -> REPLAY.parse("--bootstrap", "b:1", "--device", "tpu"))
                .isInstanceOf(UsageException.class).hasMessage("--device is 'tpu'; use one of cpu, cuda");
    }

    @Test
    void settingsDeclaredOrMatchingAPatternAreCollectedInOrderTheLastWinning() {
        Arguments arguments = REPLAY.parse("--reelrank.input", "GENERATOR", "--bootstrap", "b:1",
                "--kafka.security.protocol", "SASL_SSL", "--reelrank.input", "KAFKA");

        assertThat(arguments.settings()).containsExactly(
                Map.entry("reelrank.input", "KAFKA"), Map.entry("kafka.security.protocol", "SASL_SSL"));
    }

    @Test
    void operandsAreRequiredInOrderAndNoMore() {
        Command validate = Command.named("ValidateModelMain", "Validates a model version.").withOperands("validate", "MODEL_DIR");

        assertThat(validate.parse("validate", "models/registry/ranker/1").operands())
                .containsExactly("validate", "models/registry/ranker/1");
        assertThat(validate.help()).startsWith("usage: ValidateModelMain validate MODEL_DIR [options]\n");
        assertThatThrownBy(() -> validate.parse("validate"))
                .isInstanceOf(UsageException.class).hasMessage("missing MODEL_DIR");
        assertThatThrownBy(() -> validate.parse("validate", "a", "b"))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument 'b'; options look like --name value");
    }

    @Test
    void aUsageErrorFromTheProgramIsReportedTheSameWay() throws Exception {
        Command command = Command.named("Tool", "Does a thing.");

        int status = command.execute(new String[0], arguments -> {
            throw new UsageException("give at least one of --videos, --engagements");
        }, print(out), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err()).isEqualTo("Tool: give at least one of --videos, --engagements; --help lists the options\n");
    }

    @Test
    void aCommandCannotDeclareAnOptionTwice() {
        assertThatThrownBy(() -> Command.named("Tool", "").with(Option.flag("help", "mine")))
                .hasMessageContaining("--help twice");
    }

    private int execute(List<Arguments> runs, String... args) throws Exception {
        return REPLAY.execute(args, runs::add, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
