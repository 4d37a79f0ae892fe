package io.reelrank.udf.scoring;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.Vocabulary;
import java.util.Arrays;
import java.util.List;

/**
 * The small batch a model must score finite (and in range) before it serves: an all-default row
 * (every feature 0, as for a cold-start user), an all-ones row and a mixed one. For a contract v2
 * model each row is its own request, with histories of 0, 1 and more than the model's N entries,
 * and video ids both unknown to its vocabulary and known.
 */
final class CanaryBatch {

    static final int ROWS = 3;
    private static final String UNKNOWN_VIDEO = "reelrank-canary-unknown-video";
    private static final long REQUEST_TS = 1_800_000_000_000L;

    private CanaryBatch() {}

    /**
     * Rejects canary scores that are not finite or leave the {@code score_range} model.json
     * declares (for a v2 model: each head's): a broken export fails here, before it serves.
     */
    static void checkScores(float[] scores, LoadedModel model) throws InvalidModelException {
        String where = model.location() + ": model " + model.version();
        List<Double> range = model.metadata().scoreRange();
        if (range != null && (range.size() != 2 || !(range.get(0) <= range.get(1)))) {
            throw new InvalidModelException(where + " declares score_range " + range
                    + "; write it as [min, max] or leave it out");
        }
        for (float score : scores) {
            if (!Float.isFinite(score)) {
                throw new InvalidModelException(where + " scores the canary batch as " + Arrays.toString(scores)
                        + "; re-export it, it must produce finite scores");
            }
            if (range != null && (score < range.get(0) || score > range.get(1))) {
                throw new InvalidModelException(where + " scores the canary batch as " + Arrays.toString(scores)
                        + ", outside its score_range " + range + "; re-export it or fix score_range in model.json");
            }
        }
    }

    /** Rejects non-finite canary scores (a v2 model's fused ones, whose scale the job's weights set). */
    static void checkFinite(float[] scores, LoadedModel model) throws InvalidModelException {
        for (float score : scores) {
            if (!Float.isFinite(score)) {
                throw new InvalidModelException(model.location() + ": model " + model.version()
                        + " scores the canary batch as " + Arrays.toString(scores)
                        + "; re-export it, it must produce finite scores");
            }
        }
    }

    /** The three rows, row-major, {@code width} columns each. */
    static float[] rows(int width) {
        float[] rows = new float[ROWS * width];
        for (int column = 0; column < width; column++) {
            rows[width + column] = 1f;
            rows[2 * width + column] = column % 2 == 0 ? 0.5f : -0.5f;
        }
        return rows;
    }

    /** The three rows as three requests with different histories, for a v2 model. */
    static List<ScoringTask> tasks(LoadedModel model) {
        int width = model.metadata().features().size();
        float[] rows = rows(width);
        Vocabulary vocabulary = model.vocabulary();
        String known = vocabulary != null && vocabulary.size() > 2 ? vocabulary.videoId(2) : UNKNOWN_VIDEO;
        Integer declaredLength = model.metadata().historyLength();
        int longHistory = (declaredLength == null ? 0 : declaredLength) + 2;
        return List.of(
                task(0, rows, width, UNKNOWN_VIDEO, RequestHistory.EMPTY),
                task(1, rows, width, known, history(1, known)),
                task(2, rows, width, known, history(longHistory, known)));
    }

    private static ScoringTask task(int row, float[] rows, int width, String videoId, RequestHistory history) {
        float[] features = new float[width];
        System.arraycopy(rows, row * width, features, 0, width);
        return new ScoringTask("canary-" + row, "canary-user", Trigger.REQUEST, REQUEST_TS, 1,
                new String[] {videoId}, new String[] {null}, features, width, 0L, 0, null, history);
    }

    /** {@code size} entries, an hour apart, alternating an unknown video and a known one, over every action. */
    private static RequestHistory history(int size, String known) {
        Action[] actions = Action.values();
        String[] videoIds = new String[size];
        byte[] codes = new byte[size];
        long[] times = new long[size];
        for (int i = 0; i < size; i++) {
            videoIds[i] = i % 2 == 0 ? UNKNOWN_VIDEO : known;
            codes[i] = (byte) actions[i % actions.length].code();
            times[i] = REQUEST_TS - (i + 1) * 3_600_000L;
        }
        return new RequestHistory(videoIds, codes, times);
    }
}
