package io.reelrank.udf.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The daemon thread that runs a watcher's {@link ModelWatcher#poll()} every poll interval. */
final class RegistryPoller {

    private static final long STOP_WAIT_SECONDS = 30;

    private final ScheduledExecutorService executor;

    private RegistryPoller(String modelName, Duration interval, Runnable poll) {
        long millis = Math.max(1, interval.toMillis());
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "reelrank-model-watcher-" + modelName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Polls every {@code interval}; null for a zero interval, which means load once and never poll. */
    static RegistryPoller start(String modelName, Duration interval, Runnable poll) {
        return interval.isZero() ? null : new RegistryPoller(modelName, interval, poll);
    }

    /** Interrupts a running poll and waits for it to end. */
    void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
