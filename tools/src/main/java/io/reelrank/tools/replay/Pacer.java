package io.reelrank.tools.replay;

import java.util.concurrent.locks.LockSupport;

/** Holds a caller to a steady rate: one permit every 1/rate seconds; rate 0 or less is unlimited. */
final class Pacer {
    private final long intervalNanos;
    private long nextNanos;

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        // A slow producer does not earn a burst later: the schedule never lags behind now.
        nextNanos = Math.max(nextNanos, now) + intervalNanos;
        LockSupport.parkNanos(nextNanos - intervalNanos - now);
    }
}
