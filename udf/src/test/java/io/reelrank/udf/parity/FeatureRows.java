package io.reelrank.udf.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes feature rows as JSON lines, and compares two sets of rows value by value. */
final class FeatureRows {
    private FeatureRows() {}

    static FeatureRow read(JsonNode node) {
        JsonNode values = node.get("features");
        float[] features = new float[values.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) values.get(i).asDouble();
        }
        return new FeatureRow(node.get("request_id").asText(), node.get("user_id").asText(),
                node.get("video_id").asText(), node.get("trigger").asText(), node.get("event_ts").asLong(), features);
    }

    static List<FeatureRow> readLines(List<String> lines) {
        List<FeatureRow> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                try {
                    rows.add(read(Json.MAPPER.readTree(line)));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a feature row: " + line, e);
                }
            }
        }
        return rows;
    }

    static String toJson(FeatureRow row) {
        ObjectNode node = Json.MAPPER.createObjectNode()
                .put("request_id", row.requestId()).put("user_id", row.userId()).put("video_id", row.videoId())
                .put("trigger", row.trigger()).put("event_ts", row.eventTs());
        var features = node.putArray("features");
        for (float value : row.features()) {
            features.add(value);
        }
        return node.toString();
    }

    /**
     * Fails unless both sides produced the same (request, video) rows with the same ids, trigger
     * and time, and every feature within {@code tolerance}; the message names each difference.
     */
    static void assertAgree(List<FeatureRow> expected, List<FeatureRow> actual, List<String> names,
                            double tolerance, String expectedName, String actualName) {
        Map<String, FeatureRow> byKey = byKey(actual, actualName);
        List<String> problems = new ArrayList<>();
        for (FeatureRow want : byKey(expected, expectedName).values()) {
            FeatureRow got = byKey.remove(want.key());
            if (got == null) {
                problems.add(want.key() + ": only in " + expectedName);
                continue;
            }
            if (!want.userId().equals(got.userId()) || !want.trigger().equals(got.trigger())
                    || want.eventTs() != got.eventTs() || want.features().length != got.features().length) {
                problems.add(want.key() + ": ids, trigger, time or width differ: " + toJson(want) + " vs " + toJson(got));
                continue;
            }
            for (int i = 0; i < want.features().length; i++) {
                double difference = Math.abs((double) want.features()[i] - got.features()[i]);
                if (!(difference <= tolerance)) {
                    problems.add(String.format("%s %s: %s %.9g, %s %.9g", want.key(), names.get(i),
                            expectedName, want.features()[i], actualName, got.features()[i]));
                }
            }
        }
        byKey.keySet().forEach(key -> problems.add(key + ": only in " + actualName));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " differences between " + expectedName + " and "
                    + actualName + " rows (tolerance " + tolerance + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static Map<String, FeatureRow> byKey(List<FeatureRow> rows, String side) {
        Map<String, FeatureRow> byKey = new LinkedHashMap<>();
        for (FeatureRow row : rows) {
            if (byKey.put(row.key(), row) != null) {
                throw new AssertionError(side + " has two rows for " + row.key());
            }
        }
        return byKey;
    }
}
