package io.reelrank.udf.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aligned mode's replay guarantee for the history: the history a request on time (not behind
 * the watermark) sees is exactly the user's newest engagements (impressions and late ones
 * excepted) at or before the request's time among those that had arrived when the watermark
 * released it, however out of order they arrived. Worked out here from the event list alone, not
 * from any state, and compared with the ranker's tasks. No request, on time or not, sees an
 * engagement later than itself.
 */
class AlignedHistoryTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 3, 5, 7})
    void eachRequestSeesExactlyTheEngagementsAtOrBeforeIt(long seed, @TempDir Path dir) throws Exception {
        ScenarioEvents scenario = ScenarioEvents.read(RandomScenario.write(dir.resolve("events.jsonl"), seed, true, 400));
        Map<String, List<String>> expected = expectedHistories(scenario);
        List<ScoringTask> tasks = JavaFeaturePath.tasks(scenario, FeatureSpec.bundled());
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (ScoringTask task : tasks) {
            if (!expected.containsKey(task.requestId())) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < task.history().size(); i++) {
                entries.add(task.history().videoIds()[i] + "/" + task.history().actions()[i] + "@"
                        + task.history().eventTs()[i]);
            }
            actual.put(task.requestId(), entries);
        }
        assertThat(actual.keySet()).as("every request on time was answered").isEqualTo(expected.keySet());
        List<String> differences = new ArrayList<>();
        expected.forEach((request, history) -> {
            if (!history.equals(actual.get(request))) {
                differences.add(request + ": expected " + history + ", ranker " + actual.get(request));
            }
        });
        assertThat(differences).as("requests on time whose history differs").isEmpty();
        for (ScoringTask task : tasks) {
            assertThat(Arrays.stream(task.history().eventTs()).max().orElse(Long.MIN_VALUE))
                    .as("no engagement after request %s", task.requestId()).isLessThanOrEqualTo(task.eventTs());
        }
        assertThat(actual.values()).as("some histories are full, so the bound is exercised")
                .anyMatch(history -> history.size() == scenario.features().historyLength());
    }

    private record Arrived(int index, String userId, String entry, long ts) {}

    private static Map<String, List<String>> expectedHistories(ScenarioEvents scenario) {
        List<JsonNode> events = scenario.events();
        long watermark = Long.MIN_VALUE;
        List<Arrived> engagements = new ArrayList<>();
        Map<String, List<String>> histories = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            JsonNode record = event.get("record");
            switch (event.get("type").asText()) {
                case "watermark" -> watermark = event.get("ts").asLong();
                case "engagement" -> {
                    long ts = record.get("ts").asLong();
                    boolean late = ts + scenario.features().allowedLatenessMs() < watermark;
                    if (!late && !record.get("action").asText().equals("impression")) {
                        engagements.add(new Arrived(i, record.get("user_id").asText(),
                                record.get("video_id").asText() + "/" + code(record.get("action").asText()) + "@" + ts, ts));
                    }
                }
                default -> { }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.get("type").asText().equals("rank_request")) {
                continue;
            }
            JsonNode request = event.get("record");
            long ts = request.get("ts").asLong();
            if (ts < watermarkBefore(events, i)) {
                continue; // behind the watermark: newer engagements were applied already (counted by a metric)
            }
            int released = releasedAt(events, i, ts);
            histories.put(request.get("request_id").asText(), engagements.stream()
                    .filter(e -> e.userId().equals(request.get("user_id").asText()) && e.ts() <= ts && e.index() < released)
                    .sorted(Comparator.comparingLong(Arrived::ts).thenComparingInt(Arrived::index).reversed())
                    .limit(scenario.features().historyLength())
                    .map(Arrived::entry)
                    .toList());
        }
        return histories;
    }

    private static long watermarkBefore(List<JsonNode> events, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (events.get(i).get("type").asText().equals("watermark")) {
                return events.get(i).get("ts").asLong();
            }
        }
        return Long.MIN_VALUE;
    }

    /** The index of the watermark that releases a request held since {@code arrival} with time {@code ts}. */
    private static int releasedAt(List<JsonNode> events, int arrival, long ts) {
        for (int i = arrival + 1; i < events.size(); i++) {
            if (events.get(i).get("type").asText().equals("watermark") && events.get(i).get("ts").asLong() >= ts) {
                return i;
            }
        }
        throw new IllegalStateException("the scenario ends before the watermark reaches " + ts);
    }

    private static int code(String action) {
        return io.reelrank.udf.contract.Action.fromWire(action).orElseThrow().code();
    }
}
