package io.reelrank.udf.parity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a seeded random scenario in the parity format: a small catalog that changes and loses
 * videos, users whose engagements arrive out of order (some beyond the allowed lateness), requests
 * with unknown candidates, and watermarks that trail the newest event like the job's. Embedding
 * values are multiples of 1/8, exact in float32, so both sides read the same numbers.
 */
final class RandomScenario {
    private static final long T0 = 1_767_225_600_000L;
    private static final String[] ACTIONS = {"impression", "play", "play", "play", "like", "comment", "share", "follow", "skip"};
    private static final String[] TAGS = {"food", "travel", "music", "dance", "sports", "comedy", "pets", "news"};

    private final SplittableRandom random;
    private final List<String> lines = new ArrayList<>();
    private int events;

    private RandomScenario(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static Path write(Path file, long seed, boolean eventTimeAligned, int steps) throws IOException {
        RandomScenario scenario = new RandomScenario(seed);
        scenario.settings(eventTimeAligned);
        for (int v = 0; v < 14; v++) {
            scenario.video("v" + v, T0 - scenario.random.nextLong(30 * 3_600_000L), false);
        }
        long clock = T0;
        long watermark = Long.MIN_VALUE;
        for (int step = 0; step < steps; step++) {
            clock += scenario.random.nextLong(6 * 60_000L);
            int dice = scenario.random.nextInt(100);
            long ts = clock - (dice % 10 == 0 ? scenario.random.nextLong(20 * 60_000L) : scenario.random.nextLong(3_000L));
            if (dice < 70) {
                scenario.engagement(ts);
            } else if (dice < 90) {
                String user = scenario.request(ts);
                if (dice >= 85) {
                    scenario.engagement(ts, user); // arrives after a request at its own time
                }
            } else if (dice < 95) {
                scenario.video("v" + scenario.random.nextInt(16), ts, scenario.random.nextInt(4) == 0);
            } else {
                clock += scenario.random.nextLong(6 * 3_600_000L); // a quiet spell: windows and decay move on
            }
            if (step % 5 == 4 && clock - 2_000 > watermark) {
                watermark = clock - 2_000;
                scenario.lines.add("{\"type\":\"watermark\",\"ts\":" + watermark + "}");
            }
        }
        scenario.lines.add("{\"type\":\"watermark\",\"ts\":" + (clock + 48 * 3_600_000L) + "}");
        return Files.write(file, scenario.lines);
    }

    private void settings(boolean eventTimeAligned) {
        ObjectNode settings = Json.MAPPER.createObjectNode().put("type", "settings")
                .put("profile_half_life_ms", 2 * 3_600_000L).put("max_tags", 4).put("max_creators", 3)
                .put("recent_videos", 5).put("history_length", 12).put("allowed_lateness_ms", 10 * 60_000L)
                .put("video_stats_interval_ms", 30_000L).put("event_time_aligned", eventTimeAligned);
        lines.add(settings.toString());
    }

    private void video(String id, long publishedTs, boolean deleted) {
        ObjectNode record = Json.MAPPER.createObjectNode().put("video_id", id).put("published_ts", publishedTs)
                .put("deleted", deleted);
        if (!deleted) {
            record.put("creator_id", "c" + random.nextInt(5));
            ArrayNode tags = record.putArray("tags");
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            record.put("duration_ms", 1_000L * (5 + random.nextInt(60)));
            ArrayNode embedding = record.putArray("embedding");
            if (random.nextInt(5) != 0) {
                for (int i = 0; i < 4; i++) {
                    embedding.add((random.nextInt(17) - 8) / 8.0);
                }
            }
        }
        add("video", record);
    }

    private void engagement(long ts) {
        engagement(ts, "u" + random.nextInt(6));
    }

    private void engagement(long ts, String user) {
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        ObjectNode record = Json.MAPPER.createObjectNode().put("event_id", "e-" + events++)
                .put("user_id", user).put("video_id", "v" + random.nextInt(16))
                .put("action", action).put("ts", ts);
        if (action.equals("play")) {
            record.put("watch_ms", random.nextLong(70_000L));
        }
        add("engagement", record);
    }

    /** Returns the requesting user. */
    private String request(long ts) {
        String user = "u" + random.nextInt(7);
        ObjectNode record = Json.MAPPER.createObjectNode().put("request_id", "r-" + events++)
                .put("user_id", user).put("ts", ts);
        ArrayNode candidates = record.putArray("candidates");
        for (int v = 0; v < 17; v++) {
            if (random.nextInt(3) != 0) {
                candidates.add("v" + v);
            }
        }
        add("rank_request", record);
        return user;
    }

    private void add(String type, ObjectNode record) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", type);
        event.set("record", record);
        lines.add(event.toString());
    }
}
