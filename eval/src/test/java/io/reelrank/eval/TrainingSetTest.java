package io.reelrank.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.TrainingExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSetTest {
    private static final List<ProtocolRequest> REQUESTS = List.of(
            new ProtocolRequest("train1-u1", "u1", "m1", List.of("m1", "m9"), 1_000L, false),
            new ProtocolRequest("test-u1", "u1", "m2", List.of("m2", "m9"), 2_000L, true));

    @TempDir
    Path dir;

    @Test
    void keepsTrainingRequestsOnlySortedAndIgnoresInProgressFiles() throws Exception {
        Path examples = dir.resolve("examples/2026-11-23--21");
        Files.createDirectories(examples);
        Files.write(examples.resolve("part-0-0.jsonl"), List.of(
                line("train1-u1", "m9", 0), line("test-u1", "m2", 1), line("train1-u1", "m1", 1)));
        Files.write(examples.resolve(".part-0-1.jsonl.inprogress.x"), List.of(line("train1-u1", "m7", 0)));
        Path out = dir.resolve("training.jsonl");

        TrainingSet.Written written = TrainingSet.write(dir.resolve("examples"), REQUESTS, out);

        assertThat(written).isEqualTo(new TrainingSet.Written(2, 1, 1));
        assertThat(Files.readAllLines(out)).extracting(l -> Json.fromJson(l, TrainingExample.class).videoId())
                .containsExactly("m1", "m9");
    }

    @Test
    void aLabelThatDisagreesWithTheProtocolStopsTheRun() throws Exception {
        Files.createDirectories(dir.resolve("examples"));
        Files.write(dir.resolve("examples/part-0-0.jsonl"), List.of(line("train1-u1", "m9", 1)));

        assertThatThrownBy(() -> TrainingSet.write(dir.resolve("examples"), REQUESTS, dir.resolve("t.jsonl")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("m9 of train1-u1")
                .hasMessageContaining("disagree");
    }

    @Test
    void aMissingLogIsAClearError() {
        assertThatThrownBy(() -> TrainingSet.write(dir.resolve("nothing"), REQUESTS, dir.resolve("t.jsonl")))
                .hasMessageContaining("no feature-log examples");
    }

    private static String line(String request, String video, int label) {
        return Json.toJson(new TrainingExample(request, "u1", video, "request", 1_000L, "ranker/1", "hash", 0.5f,
                label, label == 1 ? "play" : null, label == 1 ? new String[] {"play"} : new String[0], 0L,
                new float[] {0.1f, 0.2f}));
    }
}
