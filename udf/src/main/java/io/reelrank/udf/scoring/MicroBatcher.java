package io.reelrank.udf.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Groups entries into batches of at most {@code maxBatchRows} rows. A batch is handed to {@code
 * flush} when it is full, when the next entry would overflow it, or {@code maxWait} after its
 * first entry arrived. An entry of {@code maxBatchRows} rows or more goes out alone. {@code flush}
 * runs on the caller's or the timer's thread, outside this batcher's lock.
 */
final class MicroBatcher<E> {

    private final int maxBatchRows;
    private final Duration maxWait;
    private final ToIntFunction<E> rowsOf;
    private final ScheduledExecutorService timer;
    private final Consumer<List<E>> flush;

    private List<E> pending = new ArrayList<>();
    private int pendingRows;
    private long generation;
    private ScheduledFuture<?> maxWaitFlush;
    private boolean closed;

    MicroBatcher(
            int maxBatchRows,
            Duration maxWait,
            ToIntFunction<E> rowsOf,
            ScheduledExecutorService timer,
            Consumer<List<E>> flush) {
        this.maxBatchRows = maxBatchRows;
        this.maxWait = maxWait;
        this.rowsOf = rowsOf;
        this.timer = timer;
        this.flush = flush;
    }

    void add(E entry) {
        int rows = rowsOf.applyAsInt(entry);
        List<List<E>> ready = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("batcher is closed");
            }
            if (!pending.isEmpty() && pendingRows + rows > maxBatchRows) {
                ready.add(takePending());
            }
            if (rows >= maxBatchRows) {
                ready.add(List.of(entry));
            } else {
                if (pending.isEmpty()) {
                    startMaxWait();
                }
                pending.add(entry);
                pendingRows += rows;
                if (pendingRows >= maxBatchRows) {
                    ready.add(takePending());
                }
            }
        }
        ready.forEach(flush);
    }

    /** Stops batching and returns what was still waiting, unflushed. */
    synchronized List<E> close() {
        closed = true;
        return takePending();
    }

    private void startMaxWait() {
        long batch = ++generation;
        maxWaitFlush = timer.schedule(() -> flushIfStillWaiting(batch), maxWait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void flushIfStillWaiting(long batch) {
        List<E> ready;
        synchronized (this) {
            if (batch != generation || pending.isEmpty() || closed) {
                return;
            }
            ready = takePending();
        }
        flush.accept(ready);
    }

    private List<E> takePending() {
        List<E> batch = pending;
        pending = new ArrayList<>();
        pendingRows = 0;
        if (maxWaitFlush != null) {
            maxWaitFlush.cancel(false);
            maxWaitFlush = null;
        }
        return batch;
    }
}
