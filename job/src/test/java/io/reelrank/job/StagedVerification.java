package io.reelrank.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.scoring.BatchScores;
import io.reelrank.udf.scoring.RequestHistory;
import io.reelrank.udf.scoring.ScoringTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code verification.json} the sequence trainer stages beside a model: a few requests' input
 * tensors and torch's score per head, turned back into the {@link ScoringTask}s the job would
 * build for them, so that scoring those in Java compares the Java tensor building with training's.
 * Vocabulary indices go back to video ids through the staged {@code vocabulary.txt} (index 1, the
 * unknown video, becomes an id the vocabulary lacks), and each history age back to an event time
 * before the request's, so the Java side does the id lookup and the age arithmetic itself.
 */
record StagedVerification(List<ScoringTask> tasks, List<float[]> torchAgeHours, Map<String, float[]> torchScores) {
    static final long REQUEST_TS = 1_767_225_600_000L;
    static final String UNKNOWN_VIDEO = "video-not-in-the-vocabulary";
    private static final double MS_PER_HOUR = 3_600_000.0;

    static StagedVerification read(Path versionDir) throws IOException {
        List<String> vocabulary = Files.readAllLines(versionDir.resolve("vocabulary.txt"), StandardCharsets.UTF_8);
        JsonNode root = Json.MAPPER.readTree(versionDir.resolve("verification.json").toFile());
        JsonNode inputs = root.get("inputs");
        JsonNode features = inputs.get("features");
        JsonNode candidateIds = inputs.get("candidate_ids");
        JsonNode candidateRequest = inputs.get("candidate_request");
        int width = features.get(0).size();
        List<ScoringTask> tasks = new ArrayList<>();
        List<float[]> ages = new ArrayList<>();
        int row = 0;
        for (int r = 0; r < inputs.get("history_mask").size(); r++) {
            List<String> videos = new ArrayList<>();
            List<float[]> rows = new ArrayList<>();
            for (; row < candidateIds.size() && candidateRequest.get(row).asInt() == r; row++) {
                int index = candidateIds.get(row).asInt();
                videos.add(index == 1 ? UNKNOWN_VIDEO : vocabulary.get(index));
                float[] values = new float[width];
                for (int f = 0; f < width; f++) {
                    values[f] = (float) features.get(row).get(f).asDouble();
                }
                rows.add(values);
            }
            float[] rowMajor = new float[rows.size() * width];
            for (int c = 0; c < rows.size(); c++) {
                System.arraycopy(rows.get(c), 0, rowMajor, c * width, width);
            }
            RequestHistory history = history(inputs, r, vocabulary);
            float[] torchAges = new float[history.size()];
            for (int j = 0; j < torchAges.length; j++) {
                torchAges[j] = (float) inputs.get("history_age_hours").get(r).get(j).asDouble();
            }
            ages.add(torchAges);
            tasks.add(new ScoringTask("verify-" + r, "user-" + r, Trigger.REQUEST, REQUEST_TS, videos.size(),
                    videos.toArray(String[]::new), new String[videos.size()], rowMajor, width, 0L, 0, null,
                    history));
        }
        if (row != candidateIds.size()) {
            throw new IllegalStateException("candidate_request is not grouped by request in ascending order");
        }
        Map<String, float[]> scores = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> heads = root.get("outputs").fields(); heads.hasNext(); ) {
            Map.Entry<String, JsonNode> head = heads.next();
            float[] values = new float[head.getValue().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) head.getValue().get(i).asDouble();
            }
            scores.put(head.getKey(), values);
        }
        return new StagedVerification(tasks, ages, scores);
    }

    /** The real (masked-in) entries of request {@code r}'s history row, newest first as the tensors hold them. */
    private static RequestHistory history(JsonNode inputs, int r, List<String> vocabulary) {
        JsonNode mask = inputs.get("history_mask").get(r);
        int entries = 0;
        while (entries < mask.size() && mask.get(entries).asDouble() == 1.0) {
            entries++;
        }
        String[] videos = new String[entries];
        byte[] actions = new byte[entries];
        long[] eventTs = new long[entries];
        for (int j = 0; j < entries; j++) {
            videos[j] = vocabulary.get(inputs.get("history_ids").get(r).get(j).asInt());
            actions[j] = (byte) inputs.get("history_actions").get(r).get(j).asInt();
            double ageHours = inputs.get("history_age_hours").get(r).get(j).asDouble();
            eventTs[j] = REQUEST_TS - Math.round(ageHours * MS_PER_HOUR);
        }
        return new RequestHistory(videos, actions, eventTs);
    }

    /** The largest |Java - torch| over every head and candidate of {@code scores} (these tasks or variants). */
    double maxDifference(BatchScores scores) {
        if (!List.of(scores.headNames()).equals(List.copyOf(torchScores.keySet()))) {
            throw new IllegalArgumentException(
                    "heads " + List.of(scores.headNames()) + ", torch's " + torchScores.keySet());
        }
        double max = 0;
        for (int h = 0; h < scores.headNames().length; h++) {
            float[] torch = torchScores.get(scores.headNames()[h]);
            for (int i = 0; i < torch.length; i++) {
                max = Math.max(max, Math.abs(scores.heads()[h][i] - torch[i]));
            }
        }
        return max;
    }

    /** The tasks with every history emptied. */
    List<ScoringTask> withoutHistories() {
        return tasks.stream().map(t -> with(t, t.eventTs(), t.videoIds(), RequestHistory.EMPTY)).toList();
    }

    /** The tasks with every candidate an unknown video. */
    List<ScoringTask> withUnknownCandidates() {
        return tasks.stream().map(t -> with(t, t.eventTs(), Collections.nCopies(t.rows(), UNKNOWN_VIDEO)
                .toArray(String[]::new), t.history())).toList();
    }

    /** The same requests arriving {@code later}, so every history entry is that much older. */
    List<ScoringTask> arriving(Duration later) {
        return tasks.stream().map(t -> with(t, t.eventTs() + later.toMillis(), t.videoIds(), t.history())).toList();
    }

    private static ScoringTask with(ScoringTask t, long eventTs, String[] videoIds, RequestHistory history) {
        return new ScoringTask(t.requestId(), t.userId(), t.trigger(), eventTs, t.n(), videoIds, t.creatorIds(),
                t.features(), t.width(), t.ingestMillis(), t.filledRows(), t.shortReason(), history);
    }
}
