package io.reelrank.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.UsageException;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The sample and replay commands as the README runs them (scripts/reelrank sample, scripts/reelrank replay). */
class ReplayToolCommandsTest {

    @Test
    void theReplayOfTheReadmeParses() {
        Arguments arguments = ReplayMain.COMMAND.parse("--bootstrap", "localhost:9092",
                "--videos", "target/sample/videos.jsonl", "--engagements", "target/sample/engagements.jsonl",
                "--rank-requests", "target/sample/rank-requests.jsonl", "--rate", "2000");

        assertThat(arguments.decimal("rate")).isEqualTo(2000.0);
        assertThat(arguments.text("rank-requests")).isEqualTo("target/sample/rank-requests.jsonl");
        assertThat(arguments.text("topic-rank-requests")).isEqualTo("rank-requests");
        assertThat(ReplayMain.COMMAND.help()).contains("--rate RECORDS_PER_SECOND  (default: 1000)",
                "--topic-videos NAME  (default: videos)");
    }

    @Test
    void aReplayWithoutFilesIsAUsageError() {
        Arguments noFiles = ReplayMain.COMMAND.parse("--bootstrap", "localhost:9092");

        assertThatThrownBy(() -> ReplayMain.run(noFiles, new PrintStream(OutputStream.nullOutputStream())))
                .isInstanceOf(UsageException.class).hasMessageContaining("--videos, --engagements, --rank-requests");
    }

    @Test
    void theSampleFilesDefaultToTheReadmeSizes() {
        Arguments arguments = SampleFilesMain.COMMAND.parse("--out", "target/sample");

        assertThat(arguments.longInteger("engagements")).isEqualTo(20_000);
        assertThat(arguments.longInteger("requests")).isEqualTo(1_000);
        assertThat(arguments.integer("bad-every")).isEqualTo(500);
        assertThat(arguments.longInteger("seed")).isEqualTo(42);
    }
}
