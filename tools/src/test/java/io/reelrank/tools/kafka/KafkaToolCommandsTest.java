package io.reelrank.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.UsageException;
import org.junit.jupiter.api.Test;

/** The broker and reader commands as the README runs them (scripts/reelrank broker, scripts/reelrank read). */
class KafkaToolCommandsTest {

    @Test
    void theBrokerTakesThePortAndPartitionsOfTheReadme() {
        Arguments arguments = LocalKafkaMain.COMMAND.parse("--port", "19092", "--partitions", "4");

        assertThat(arguments.integer("port")).isEqualTo(19092);
        assertThat(arguments.integer("partitions")).isEqualTo(4);
        assertThat(arguments.has("data-dir")).isFalse();
    }

    @Test
    void theBrokerDefaultsToPort9092WithTwoPartitions() {
        Arguments arguments = LocalKafkaMain.COMMAND.parse();

        assertThat(arguments.integer("port")).isEqualTo(9092);
        assertThat(arguments.integer("partitions")).isEqualTo(2);
        assertThat(LocalKafkaMain.COMMAND.help()).contains("--port PORT  (default: 9092)", "--data-dir DIR");
    }

    @Test
    void theReaderReadsCommittedByDefaultAndFollowsWithoutAMax() {
        Arguments arguments = ReadTopicMain.COMMAND.parse("--bootstrap", "localhost:9092", "--topic", "recommendations");

        assertThat(arguments.text("topic")).isEqualTo("recommendations");
        assertThat(arguments.text("isolation")).isEqualTo("read_committed");
        assertThat(arguments.optional("max")).isEmpty();
    }

    @Test
    void theReaderNeedsATopicAndAKnownIsolationLevel() {
        assertThatThrownBy(() -> ReadTopicMain.COMMAND.parse("--bootstrap", "localhost:9092"))
                .isInstanceOf(UsageException.class).hasMessage("--topic NAME is required");
        assertThatThrownBy(() -> ReadTopicMain.COMMAND.parse("--bootstrap", "b:1", "--topic", "t", "--isolation", "dirty"))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--isolation is 'dirty'");
    }
}
