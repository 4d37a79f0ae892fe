package io.reelrank.udf.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.rank.FeatureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden scenario ({@code models/train/tests/golden/}) through the Java feature code must
 * give exactly the committed rows. The rows change only deliberately: with
 * {@code -Dreelrank.parity.regenerate=true} this test rewrites them (review the diff), and the
 * file records the spec hash it was made with, so a spec change fails here until it is redone.
 */
class GoldenScenarioTest {
    static final Path GOLDEN = Path.of("..", "models", "train", "tests", "golden");
    static final Path EVENTS = GOLDEN.resolve("scenario.events.jsonl");
    static final Path ROWS = GOLDEN.resolve("scenario.rows.jsonl");
    static final String REGENERATE =
            "mvn -B -pl udf test -Dtest=GoldenScenarioTest -Dreelrank.parity.regenerate=true";
    private static final FeatureSpec SPEC = FeatureSpec.bundled();

    @Test
    void javaFeatureCodeReproducesTheGoldenRows() throws Exception {
        List<FeatureRow> java = JavaFeaturePath.rows(ScenarioEvents.read(EVENTS), SPEC);
        if (Boolean.getBoolean("reelrank.parity.regenerate")) {
            write(java);
        }
        List<String> lines = Files.readAllLines(ROWS);
        JsonNode header = Json.MAPPER.readTree(lines.get(0));
        assertThat(header.get("feature_spec_hash").asText())
                .as("golden rows were made with another features.json; regenerate deliberately: " + REGENERATE)
                .isEqualTo(SPEC.hash());
        List<FeatureRow> golden = FeatureRows.readLines(lines.subList(1, lines.size()));
        FeatureRows.assertAgree(golden, java, SPEC.names(), 1e-6, "golden", "java");
    }

    @Test
    void goldenScenarioCoversColdStartsHistoryAndMissingValues() throws Exception {
        List<String> lines = Files.readAllLines(ROWS);
        List<FeatureRow> golden = FeatureRows.readLines(lines.subList(1, lines.size()));
        int history = SPEC.names().indexOf("user_has_history");
        int videoPlays = SPEC.names().indexOf("video_plays_24h");
        int embedding = SPEC.names().indexOf("embedding_cosine");
        assertThat(golden).hasSizeGreaterThan(40);
        assertThat(golden).anyMatch(r -> r.trigger().equals("cold_start") && r.features()[history] == 0f);
        assertThat(golden).anyMatch(r -> r.trigger().equals("request") && r.features()[history] == 1f);
        assertThat(golden).as("videos with and without stats")
                .anyMatch(r -> r.features()[videoPlays] > 0f).anyMatch(r -> r.features()[videoPlays] == 0f);
        assertThat(golden).as("positive and negative embedding similarity")
                .anyMatch(r -> r.features()[embedding] > 0.1f).anyMatch(r -> r.features()[embedding] < -0.1f);
        assertThat(golden).as("the deleted video v7 is never ranked after its delete")
                .noneMatch(r -> r.videoId().equals("v7") && r.eventTs() > 1_767_225_600_000L + 3 * 3_600_000L);
    }

    @Test
    void aDifferenceBeyondTheToleranceFailsTheComparison() {
        FeatureRow row = new FeatureRow("r", "u", "v", "request", 1L, new float[] {1f, 2f});
        FeatureRow close = new FeatureRow("r", "u", "v", "request", 1L, new float[] {1f, 2f + 5e-7f});
        FeatureRow far = new FeatureRow("r", "u", "v", "request", 1L, new float[] {1f, 2f + 5e-6f});
        List<String> names = List.of("a", "b");
        FeatureRows.assertAgree(List.of(row), List.of(close), names, 1e-6, "left", "right");
        assertThatThrownBy(() -> FeatureRows.assertAgree(List.of(row), List.of(far), names, 1e-6, "left", "right"))
                .hasMessageContaining("r/v b");
        assertThatThrownBy(() -> FeatureRows.assertAgree(List.of(row), List.of(), names, 1e-6, "left", "right"))
                .hasMessageContaining("only in left");
    }

    private static void write(List<FeatureRow> rows) throws Exception {
        ObjectNode header = Json.MAPPER.createObjectNode()
                .put("feature_spec_hash", SPEC.hash())
                .put("regenerate", REGENERATE);
        SPEC.names().forEach(header.putArray("features")::add);
        List<String> lines = new ArrayList<>();
        lines.add(header.toString());
        rows.forEach(row -> lines.add(FeatureRows.toJson(row)));
        Files.write(ROWS, lines);
    }
}
