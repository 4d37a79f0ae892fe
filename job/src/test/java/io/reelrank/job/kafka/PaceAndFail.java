package io.reelrank.job.kafka;

import io.reelrank.udf.ingest.RawRecord;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes raw records through at a bounded rate per subtask, so that checkpoints complete while
 * input still flows (Kafka hands a few thousand records over before the first one completes),
 * and, when {@code failing}, throws after a completed checkpoint until {@link #FAILURES}
 * reaches {@code maxFailures}. Failure k is thrown by execution attempt k-1 only, so every
 * failure is a restart of its own that first completed a checkpoint.
 */
final class PaceAndFail extends RichMapFunction<RawRecord, RawRecord> implements CheckpointListener {
    private static final long serialVersionUID = 1L;

    /** Static because the function runs as a serialized copy inside the MiniCluster. */
    static final AtomicInteger FAILURES = new AtomicInteger();

    private final double recordsPerSecond;
    private final int maxFailures;
    private transient int attempt;
    private transient long nextSlotNanos;
    private transient boolean checkpointCompleted;

    PaceAndFail(double recordsPerSecond, int maxFailures) {
        this.recordsPerSecond = recordsPerSecond;
        this.maxFailures = maxFailures;
    }

    @Override
    public void open(OpenContext openContext) {
        attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public RawRecord map(RawRecord record) {
        if (checkpointCompleted && attempt < maxFailures && FAILURES.compareAndSet(attempt, attempt + 1)) {
            throw new IllegalStateException("injected failure " + (attempt + 1) + " after a completed checkpoint");
        }
        long now = System.nanoTime();
        nextSlotNanos = Math.max(nextSlotNanos, now) + (long) (1e9 / recordsPerSecond);
        LockSupport.parkNanos(nextSlotNanos - now);
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointCompleted = true;
    }
}
