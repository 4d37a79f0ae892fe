package io.reelrank.job;

import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-made input for the workflow ITCase. User u1 watches and likes cooking videos of
 * creator c1; its candidates are travel videos of other creators with embeddings orthogonal to
 * cooking and no engagements of anyone, so every personal and video-stats feature is equal
 * across them and the known linear test model ranks them by duration alone (weight 1 on
 * log1p(duration_seconds)): longest first. Cold-start user u2 is ranked the same way.
 */
final class SmallCatalogScenario {
    static final long T0 = 1_767_225_600_000L;
    static final long PUBLISHED = T0 - 86_400_000L;
    static final long MINUTE = 60_000L;

    /** The main user's top 3: v6 (300 s), v4 (60 s), v5 (20 s); v3 (10 s) is cut by n. */
    static final List<String> MAIN_USER_TOP = List.of("v6", "v4", "v5");
    /** The cold-start user's top 2: v4 (60 s), v7 (45 s); v3 (10 s) is cut by n. */
    static final List<String> COLD_USER_TOP = List.of("v4", "v7");

    final List<RawRecord> videos = new ArrayList<>();
    final List<RawRecord> engagements = new ArrayList<>();
    final List<RawRecord> requests = new ArrayList<>();
    int malformed;

    SmallCatalogScenario() {
        video("v1", "c1", "cooking", 30_000, "1,0,0,0");
        video("v2", "c1", "cooking", 40_000, "1,0,0,0");
        video("v3", "c2", "travel", 10_000, "0,1,0,0");
        video("v4", "c3", "travel", 60_000, "0,1,0,0");
        video("v5", "c4", "travel", 20_000, "0,1,0,0");
        video("v6", "c5", "travel", 300_000, "0,1,0,0");
        video("v7", "c6", "travel", 45_000, "0,1,0,0");
        // Only the tombstone: a live v8 before it could overtake it, since the bounded source
        // feeds two parse subtasks round robin; Kafka keeps a video's records in one partition.
        add(videos, Topics.VIDEOS, "{\"video_id\":\"v8\",\"deleted\":true,\"published_ts\":" + (PUBLISHED + 1) + "}");
        malformed(videos, Topics.VIDEOS, "{\"video_id\":\"v10\",\"creator_id\":\"c9\",\"duration_ms\":0,\"published_ts\":" + PUBLISHED + "}");

        engagement("e-1", "u1", "v1", "\"play\",\"watch_ms\":25000", T0 + MINUTE);
        engagement("e-2", "u1", "v1", "\"like\"", T0 + 2 * MINUTE);
        engagement("e-3", "u1", "v2", "\"play\",\"watch_ms\":40000", T0 + 3 * MINUTE);
        malformed(engagements, Topics.ENGAGEMENTS, "not json at all");
        malformed(engagements, Topics.ENGAGEMENTS, "{\"event_id\":\"e-4\",\"user_id\":\"u1\",\"video_id\":\"v2\","
                + "\"action\":\"play\",\"watch_ms\":-5,\"ts\":" + (T0 + 4 * MINUTE) + "}");
        engagement("e-5", "u1", "v2", "\"share\"", T0 + 5 * MINUTE);

        // v1 already seen, v8 deleted, v9 never catalogued.
        request("r-main", "u1", "\"v1\",\"v3\",\"v4\",\"v5\",\"v6\",\"v8\",\"v9\"", 3, T0 + 10 * MINUTE);
        request("r-cold", "u2", "\"v3\",\"v4\",\"v7\"", 2, T0 + 11 * MINUTE);
        malformed(requests, Topics.RANK_REQUESTS, "{\"request_id\":\"r-bad\",\"user_id\":\"u1\",\"candidates\":[],"
                + "\"n\":3,\"ts\":" + (T0 + 12 * MINUTE) + "}");
    }

    int inputs() {
        return videos.size() + engagements.size() + requests.size();
    }

    private void video(String id, String creator, String tag, long durationMs, String embedding) {
        add(videos, Topics.VIDEOS, "{\"video_id\":\"" + id + "\",\"creator_id\":\"" + creator + "\",\"tags\":[\"" + tag
                + "\"],\"duration_ms\":" + durationMs + ",\"published_ts\":" + PUBLISHED + ",\"embedding\":["
                + embedding + "],\"deleted\":false}");
    }

    private void engagement(String id, String user, String video, String actionAndWatch, long ts) {
        add(engagements, Topics.ENGAGEMENTS, "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"video_id\":\""
                + video + "\",\"action\":" + actionAndWatch + ",\"ts\":" + ts + "}");
    }

    private void request(String id, String user, String candidates, int n, long ts) {
        add(requests, Topics.RANK_REQUESTS, "{\"request_id\":\"" + id + "\",\"user_id\":\"" + user
                + "\",\"candidates\":[" + candidates + "],\"n\":" + n + ",\"ts\":" + ts + "}");
    }

    private void malformed(List<RawRecord> into, String topic, String json) {
        add(into, topic, json);
        malformed++;
    }

    private static void add(List<RawRecord> into, String topic, String json) {
        into.add(RawRecord.of(topic, into.size(), json.getBytes(StandardCharsets.UTF_8)));
    }
}
