package io.reelrank.job.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Polls a condition with a deadline: the only way the cluster tests wait. */
public final class Poll {
    private static final long INTERVAL_MILLIS = 200;

    private Poll() {}

    /** A check that returns its result when the condition holds and null while it does not yet. */
    @FunctionalInterface
    public interface Check<T> {
        T attempt() throws IOException, InterruptedException;
    }

    public static <T> T until(Duration timeout, String what, Check<T> check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T result = check.attempt();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what,
                        new TimeoutException(what));
            }
            Thread.sleep(INTERVAL_MILLIS);
        }
    }
}
