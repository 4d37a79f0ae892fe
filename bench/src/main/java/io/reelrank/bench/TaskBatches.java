package io.reelrank.bench;

import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of exactly a given number of candidates cut from the job's own scoring tasks: the
 * candidates of consecutive requests, each piece still a whole {@link ScoringTask} with its
 * user's history, so a batch of many candidates holds several requests (as the batching scorer
 * forms them) and one smaller than a request is a request with fewer candidates.
 */
final class TaskBatches {
    private static final int DISTINCT_BATCHES = 16;

    private TaskBatches() {}

    /** Up to 16 distinct batches of {@code candidates} candidates, wrapping around the tasks when they run out. */
    static List<List<ScoringTask>> of(List<ScoringTask> tasks, int candidates) {
        List<ScoringTask> nonEmpty = tasks.stream().filter(t -> t.rows() > 0).toList();
        long rows = nonEmpty.stream().mapToLong(ScoringTask::rows).sum();
        if (rows == 0) {
            throw new IllegalStateException("the job assembled no candidates to score");
        }
        int count = (int) Math.max(1, Math.min(DISTINCT_BATCHES, rows / candidates));
        List<List<ScoringTask>> batches = new ArrayList<>(count);
        int task = 0;
        int row = 0;
        for (int b = 0; b < count; b++) {
            List<ScoringTask> batch = new ArrayList<>();
            for (int missing = candidates; missing > 0; ) {
                ScoringTask next = nonEmpty.get(task);
                int take = Math.min(missing, next.rows() - row);
                batch.add(slice(next, row, row + take));
                missing -= take;
                row += take;
                if (row == next.rows()) {
                    task = (task + 1) % nonEmpty.size();
                    row = 0;
                }
            }
            batches.add(batch);
        }
        return batches;
    }

    /** Candidates {@code from..to-1} of {@code task}, with its history; fallback rows count as the request's own. */
    static ScoringTask slice(ScoringTask task, int from, int to) {
        if (from == 0 && to == task.rows()) {
            return task;
        }
        int width = task.width();
        return new ScoringTask(task.requestId(), task.userId(), task.trigger(), task.eventTs(), task.n(),
                Arrays.copyOfRange(task.videoIds(), from, to), Arrays.copyOfRange(task.creatorIds(), from, to),
                Arrays.copyOfRange(task.features(), from * width, to * width), width, task.ingestMillis(), 0, null,
                task.history());
    }
}
