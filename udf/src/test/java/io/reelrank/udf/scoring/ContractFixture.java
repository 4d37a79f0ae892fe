package io.reelrank.udf.scoring;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.model.TestModels;
import java.util.List;

/**
 * The contract v2 fixture {@code v2/ranker} (made by make_contract_fixtures.py) in Java: tasks
 * for it and the formulas of its heads, computed from the same inputs the scorer builds.
 * play = features[0] + 0.5 features[1]; finish = 0.1 candidate index; like = 0.5 x (history
 * entries that are the candidate) + 0.01 x sum(actions) + 0.001 x sum(age hours), over the N = 4
 * newest entries.
 */
final class ContractFixture {

    static final int HISTORY_LENGTH = 4;
    static final List<String> VOCABULARY = List.of("[PAD]", "[UNK]", "v-a", "v-b", "v-c", "v-d");
    static final long REQUEST_TS = 1_000_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private ContractFixture() {}

    static int index(String videoId) {
        int index = VOCABULARY.subList(2, VOCABULARY.size()).indexOf(videoId);
        return index < 0 ? 1 : index + 2;
    }

    /** A request for {@code videoIds} whose row {@code i} has features[0] = {@code play[i]}, the rest 0. */
    static ScoringTask task(String requestId, String[] videoIds, float[] play, RequestHistory history) {
        int width = TestModels.width();
        float[] features = new float[videoIds.length * width];
        for (int i = 0; i < videoIds.length; i++) {
            features[i * width] = play[i];
            features[i * width + 1] = 0.25f * i;
        }
        return new ScoringTask(requestId, "user-" + requestId, Trigger.REQUEST, REQUEST_TS, videoIds.length, videoIds,
                new String[videoIds.length], features, width, 0L, 0, null, history);
    }

    /** History entries, newest first: each video {@code videoIds[i]} played {@code i + 1} hours before the request. */
    static RequestHistory history(Action action, String... videoIds) {
        byte[] actions = new byte[videoIds.length];
        long[] times = new long[videoIds.length];
        for (int i = 0; i < videoIds.length; i++) {
            actions[i] = (byte) action.code();
            times[i] = REQUEST_TS - (i + 1) * HOUR;
        }
        return new RequestHistory(videoIds, actions, times);
    }

    static float play(ScoringTask task, int row) {
        int width = task.width();
        return task.features()[row * width] + 0.5f * task.features()[row * width + 1];
    }

    static float finish(ScoringTask task, int row) {
        return 0.1f * index(task.videoIds()[row]);
    }

    static float like(ScoringTask task, int row) {
        RequestHistory history = task.history();
        int candidate = index(task.videoIds()[row]);
        double seen = 0;
        double actions = 0;
        double ages = 0;
        for (int j = 0; j < Math.min(HISTORY_LENGTH, history.size()); j++) {
            seen += index(history.videoIds()[j]) == candidate ? 1 : 0;
            actions += history.actions()[j];
            ages += history.ageHours(j, task.eventTs());
        }
        return (float) (0.5 * seen + 0.01 * actions + 0.001 * ages);
    }
}
