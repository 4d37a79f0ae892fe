package io.reelrank.job;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.TrainingExample;
import io.reelrank.udf.rank.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A few hundred training examples in the feature log's own format (the label join's JSON lines,
 * {@link TrainingExample}) under the bundled feature spec, drawn from a seed: each request has one
 * positive among its candidates, shifted on the first feature columns so that a model has something
 * to learn. Beside them, {@code <name>-requests.jsonl} holds each request's history in the feature
 * log's request-line format, for trainers of models that read it.
 */
final class TinyTrainingSet {
    static final int REQUESTS = 80;
    static final int CANDIDATES = 5;
    private static final int VIDEOS = 60;
    private static final int USERS = 20;
    private static final int HISTORY = 6;
    private static final int SHIFTED_COLUMNS = 5;
    private static final long T0 = 1_767_225_600_000L;

    private TinyTrainingSet() {}

    /** Writes {@code examples} and its requests sidecar; returns the feature rows written, example by example. */
    static List<float[]> write(Path examples, long seed) throws IOException {
        FeatureSpec spec = FeatureSpec.bundled();
        Random random = new Random(seed);
        List<String> exampleLines = new ArrayList<>();
        List<String> requestLines = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            String requestId = String.format("req-%03d", r);
            String userId = "u" + random.nextInt(USERS);
            long eventTs = T0 + r * 60_000L;
            int positive = random.nextInt(CANDIDATES);
            int firstVideo = random.nextInt(VIDEOS);
            for (int c = 0; c < CANDIDATES; c++) {
                float[] features = new float[spec.width()];
                for (int f = 0; f < features.length; f++) {
                    features[f] = (float) random.nextGaussian() + (c == positive && f < SHIFTED_COLUMNS ? 1.5f : 0f);
                }
                rows.add(features);
                boolean liked = c == positive;
                exampleLines.add(Json.toJson(new TrainingExample(requestId, userId, "v" + (firstVideo + c) % VIDEOS,
                        "request", eventTs, "ranker/1", spec.hash(), 0.5f, liked ? 1 : 0, liked ? "play" : null,
                        liked ? new String[] {"play"} : new String[0], liked ? 20_000L : 0L, features)));
            }
            requestLines.add(Json.toJson(request(requestId, userId, eventTs, random)));
        }
        Files.write(examples, exampleLines);
        String name = examples.getFileName().toString().replaceFirst("\\.jsonl$", "");
        Files.write(examples.resolveSibling(name + "-requests.jsonl"), requestLines);
        return rows;
    }

    private static Map<String, Object> request(String requestId, String userId, long eventTs, Random random) {
        List<String> videos = new ArrayList<>();
        List<Integer> actions = new ArrayList<>();
        List<Float> ageHours = new ArrayList<>();
        for (int i = 0; i < HISTORY; i++) {
            videos.add("v" + random.nextInt(VIDEOS));
            actions.add(random.nextBoolean() ? Action.PLAY.code() : Action.SKIP.code());
            ageHours.add(i * 0.5f); // newest first
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("request_id", requestId);
        line.put("user_id", userId);
        line.put("trigger", "request");
        line.put("event_ts", eventTs);
        line.put("model_version", "ranker/1");
        line.put("history_video_ids", videos);
        line.put("history_actions", actions);
        line.put("history_age_hours", ageHours);
        return line;
    }
}
