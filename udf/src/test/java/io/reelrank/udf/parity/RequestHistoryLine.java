package io.reelrank.udf.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.FeatureLogRequest;
import io.reelrank.udf.featurelog.FeatureLogRequests;
import io.reelrank.udf.scoring.ScoringTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's history as both paths report it, the feature log's request line without the
 * model version: {@code {"request_id", "user_id", "trigger", "event_ts", "history_video_ids",
 * "history_actions", "history_age_hours"}}.
 */
record RequestHistoryLine(String requestId, String userId, String trigger, long eventTs, String[] videoIds,
                          int[] actions, float[] ageHours) {

    /** What the feature log writes for {@code task}, the Java side of the comparison. */
    static RequestHistoryLine of(ScoringTask task) {
        FeatureLogRequest line = FeatureLogRequests.of(task, null);
        return new RequestHistoryLine(line.requestId(), line.userId(), line.trigger(), line.eventTs(),
                line.historyVideoIds(), line.historyActions(), line.historyAgeHours());
    }

    static List<RequestHistoryLine> readLines(List<String> lines) {
        List<RequestHistoryLine> read = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                JsonNode ids = node.get("history_video_ids");
                JsonNode actions = node.get("history_actions");
                JsonNode ages = node.get("history_age_hours");
                String[] videoIds = new String[ids.size()];
                int[] codes = new int[actions.size()];
                float[] hours = new float[ages.size()];
                for (int i = 0; i < videoIds.length; i++) {
                    videoIds[i] = ids.get(i).asText();
                }
                for (int i = 0; i < codes.length; i++) {
                    codes[i] = actions.get(i).asInt();
                }
                for (int i = 0; i < hours.length; i++) {
                    hours[i] = (float) ages.get(i).asDouble();
                }
                read.add(new RequestHistoryLine(node.get("request_id").asText(), node.get("user_id").asText(),
                        node.get("trigger").asText(), node.get("event_ts").asLong(), videoIds, codes, hours));
            } catch (IOException e) {
                throw new UncheckedIOException("not a request history line: " + line, e);
            }
        }
        return read;
    }

    /**
     * Fails unless both sides report the same requests with the same user, trigger and time, the
     * same history ids and action codes exactly, and every age within {@code tolerance}.
     */
    static void assertAgree(List<RequestHistoryLine> expected, List<RequestHistoryLine> actual, double tolerance,
                            String expectedName, String actualName) {
        Map<String, RequestHistoryLine> byId = byId(actual, actualName);
        List<String> problems = new ArrayList<>();
        for (RequestHistoryLine want : byId(expected, expectedName).values()) {
            RequestHistoryLine got = byId.remove(want.requestId());
            if (got == null) {
                problems.add(want.requestId() + ": only in " + expectedName);
            } else if (!want.userId().equals(got.userId()) || !want.trigger().equals(got.trigger())
                    || want.eventTs() != got.eventTs() || !Arrays.equals(want.videoIds(), got.videoIds())
                    || !Arrays.equals(want.actions(), got.actions()) || want.ageHours().length != got.ageHours().length) {
                problems.add(want.requestId() + ": " + expectedName + " " + want + ", " + actualName + " " + got);
            } else {
                for (int i = 0; i < want.ageHours().length; i++) {
                    if (!(Math.abs((double) want.ageHours()[i] - got.ageHours()[i]) <= tolerance)) {
                        problems.add(String.format("%s age %d: %s %.9g, %s %.9g", want.requestId(), i, expectedName,
                                want.ageHours()[i], actualName, got.ageHours()[i]));
                    }
                }
            }
        }
        byId.keySet().forEach(id -> problems.add(id + ": only in " + actualName));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " differences between " + expectedName + " and " + actualName
                    + " request histories (tolerance " + tolerance + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static Map<String, RequestHistoryLine> byId(List<RequestHistoryLine> lines, String side) {
        Map<String, RequestHistoryLine> byId = new LinkedHashMap<>();
        for (RequestHistoryLine line : lines) {
            if (byId.put(line.requestId(), line) != null) {
                throw new AssertionError(side + " has two history lines for " + line.requestId());
            }
        }
        return byId;
    }

    @Override
    public String toString() {
        return "{user " + userId + ", " + trigger + " at " + eventTs + ", ids " + Arrays.toString(videoIds)
                + ", actions " + Arrays.toString(actions) + ", ages " + Arrays.toString(ageHours) + "}";
    }
}
