package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ServingModel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One slot per scoring thread, each with an {@link OnnxScorer} (and its direct input buffer) per
 * model it has run. A batch brings the model it was started on; a slot drops its scorer of a
 * model the watcher has retired after that model's batch, so the old session's lease goes with
 * the old model's last batch on that thread rather than living on. A model reading more history
 * than the job keeps is warned about when a slot first loads it ({@link HistoryLengthCheck}).
 */
final class ScorerPool implements AutoCloseable {

    private final List<Slot> slots = new ArrayList<>();
    private final BlockingQueue<Slot> idle;

    /**
     * {@code objectives} weight a v2 model's heads (null: model.json's), see {@link OnnxScorer};
     * {@code keptHistoryLength} is the history the job keeps per user (null: unknown).
     */
    ScorerPool(int size, Map<String, Double> objectives, Integer keptHistoryLength) {
        for (int i = 0; i < size; i++) {
            slots.add(new Slot(objectives, keptHistoryLength));
        }
        idle = new ArrayBlockingQueue<>(size, false, slots);
    }

    /** Scores the tasks with {@code model} on a free slot, waiting for one if all are busy. */
    BatchScores score(ServingModel<SessionLease> model, List<ScoringTask> tasks) throws Exception {
        Slot slot = idle.take();
        try {
            return slot.scorerFor(model).score(tasks);
        } finally {
            slot.dropRetired();
            idle.add(slot);
        }
    }

    /** Closes every scorer; only once no batch is running. */
    @Override
    public void close() {
        slots.forEach(Slot::close);
    }

    private static final class Slot {
        private final Map<ServingModel<SessionLease>, OnnxScorer> scorers = new IdentityHashMap<>();
        private final Map<String, Double> objectives;
        private final Integer keptHistoryLength;

        Slot(Map<String, Double> objectives, Integer keptHistoryLength) {
            this.objectives = objectives;
            this.keptHistoryLength = keptHistoryLength;
        }

        OnnxScorer scorerFor(ServingModel<SessionLease> model) throws Exception {
            OnnxScorer scorer = scorers.get(model);
            if (scorer == null) {
                scorer = new OnnxScorer(model.runtime().share(), objectives);
                HistoryLengthCheck.warnOnce(model.model().metadata(), keptHistoryLength);
                scorers.put(model, scorer);
            }
            return scorer;
        }

        void dropRetired() {
            scorers.entrySet().removeIf(entry -> {
                if (entry.getKey().retired()) {
                    entry.getValue().close();
                    return true;
                }
                return false;
            });
        }

        void close() {
            scorers.values().forEach(OnnxScorer::close);
            scorers.clear();
        }
    }
}
