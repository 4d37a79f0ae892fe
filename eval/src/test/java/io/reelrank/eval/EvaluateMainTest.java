package io.reelrank.eval;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.eval.movielens.MovieLensImporter;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.TrainingExample;
import io.reelrank.udf.rank.FeatureSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole evaluation on the tiny MovieLens folder: import, replay through the topology, report. */
class EvaluateMainTest {

    @TempDir
    Path work;

    @Test
    void evaluatesTheTinyFolderThroughTheJob() throws Exception {
        Path contract = work.resolve("contract");
        new MovieLensImporter(5).importFolder(Path.of("src/test/resources/movielens-tiny"), contract);
        Path training = work.resolve("training.jsonl");

        EvaluationReport report = EvaluateMain.evaluate(new String[] {
            "--data", contract.toString(), "--out", work.resolve("out").toString(),
            "--training-out", training.toString(), "--reelrank.scoring.model-registry", "../models/registry"});

        // u1 (test m50) and u2 (test m80, tied in time with m70) have history; u3's m90 too (after m10).
        assertThat(report.users()).isEqualTo(3);
        assertThat(report.answered()).isEqualTo(3);
        assertThat(report.deadLetters()).isZero();
        assertThat(report.modelVersion()).isEqualTo("ranker/1");
        assertThat(report.results()).extracting(MethodScores.Result::method).containsExactly(
                "random", "popularity", "tag-profile cosine", "tag cosine (job feature)",
                "embedding cosine (job feature)", "decayed plays 30d (job feature)", "model ranker/1");
        // With at most 8 candidates every method hits within 10; NDCG still tells them apart.
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.requests()).isEqualTo(3);
            assertThat(r.hitRate()).isEqualTo(1.0);
            assertThat(r.ndcg()).isBetween(1 / (Math.log(9) / Math.log(2)), 1.0);
        });
        assertThat(work.resolve("out/evaluation.json")).isNotEmptyFile();
        assertThat(Files.readAllBytes(work.resolve("out/evaluation.png"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

        // Training examples from the feature log: two training requests each for u1 and u2,
        // 1 positive + 5 never-engaged videos each; the test requests are left out.
        List<TrainingExample> examples = Files.readAllLines(training).stream()
                .map(line -> Json.fromJson(line, TrainingExample.class)).toList();
        assertThat(examples).hasSize(24)
                .noneMatch(e -> e.requestId().startsWith("test-"))
                .allMatch(e -> e.features().length == FeatureSpec.bundled().width())
                .allMatch(e -> e.featureSpecHash().equals(FeatureSpec.bundled().hash()))
                .filteredOn(e -> e.label() == 1).extracting(TrainingExample::videoId)
                .containsExactlyInAnyOrder("m30", "m20", "m70", "m60");
        assertThat(examples).as("what the user did within the horizon comes with each example")
                .allSatisfy(e -> assertThat(e.actions().length == 0).as(e.videoId()).isEqualTo(e.label() == 0))
                .filteredOn(e -> e.label() == 1).allSatisfy(e -> assertThat(e.actions()).contains(e.labelAction()));
        assertThat(work.resolve("out/feature-log/examples")).as("the job's own feature log files").isDirectory();

        // Beside them, the histories of the same four training requests, sorted by request id:
        // each user's movies rated before the request (1 ms before its positive), newest first.
        List<JsonNode> requests = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("training-requests.jsonl"))) {
            requests.add(Json.MAPPER.readTree(line));
        }
        assertThat(requests).extracting(r -> r.get("request_id").asText())
                .isSorted().containsExactlyInAnyOrderElementsOf(
                        examples.stream().map(TrainingExample::requestId).distinct().toList());
        Map<String, List<String>> histories = new TreeMap<>();
        for (JsonNode request : requests) {
            List<String> ids = new ArrayList<>();
            request.get("history_video_ids").forEach(id -> ids.add(id.asText()));
            assertThat(request.get("history_actions")).hasSameSizeAs(ids);
            assertThat(request.get("history_age_hours")).hasSameSizeAs(ids);
            histories.put(request.get("user_id").asText() + "@" + request.get("event_ts").asLong(), ids);
        }
        // By user, then time; a rating of 4 or more is two engagements.
        assertThat(histories.values()).containsExactly(
                List.of("m10", "m10"), List.of("m20", "m10", "m10"), List.of("m20", "m20"), List.of("m60", "m20", "m20"));
    }
}
