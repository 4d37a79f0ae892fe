package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelWatcher;
import io.reelrank.udf.model.ServingModel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores an answered batch again with the watcher's shadow model, if one is configured, and
 * records per request how it compares with what was served ({@link ShadowComparison}). Its
 * scores go to the metrics only; a failure is counted and logged once, never propagated.
 */
final class ShadowScoring {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoring.class);

    private final ModelWatcher<SessionLease> watcher;
    private final ScorerPool scorers;
    private final ScoringMetrics metrics;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    ShadowScoring(ModelWatcher<SessionLease> watcher, ScorerPool scorers, ScoringMetrics metrics) {
        this.watcher = watcher;
        this.scorers = scorers;
        this.metrics = metrics;
    }

    /** {@code served} holds the serving scores of {@code tasks}' rows, in order. */
    void compare(List<ScoringTask> tasks, float[] served) {
        ServingModel<SessionLease> shadow = watcher.retainShadow();
        if (shadow == null) {
            return;
        }
        try {
            float[] scores = scorers.score(shadow, tasks).fused();
            int offset = 0;
            for (ScoringTask task : tasks) {
                int rows = task.rows();
                metrics.recordShadow(ShadowComparison.of(Arrays.copyOfRange(served, offset, offset + rows),
                        Arrays.copyOfRange(scores, offset, offset + rows), task.n()));
                offset += rows;
            }
            // Counted after the comparisons, so a reader that sees the count also sees them.
            metrics.recordShadowBatch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.recordShadowFailure();
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("Shadow scoring with {} failed (counted in shadowFailures; logged once)", shadow.version(), e);
            }
        } finally {
            shadow.release();
        }
    }
}
