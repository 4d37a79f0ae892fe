package io.reelrank.tools.replay;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a caller to a steady average rate: one permit every 1/rate seconds; rate 0 or less is
 * unlimited. Parking is coarse on a busy machine, so a caller that fell behind may catch up,
 * but by at most {@link #MAX_CATCH_UP_NANOS} worth of permits, never in one long burst.
 */
final class Pacer {
    private static final long MAX_CATCH_UP_NANOS = 100_000_000L;

    private final long intervalNanos;
    private long nextNanos = Long.MIN_VALUE;

    Pacer(double perSecond) {
        this.intervalNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = nextNanos == Long.MIN_VALUE ? now : Math.max(nextNanos, now - MAX_CATCH_UP_NANOS);
        if (slot > now) {
            LockSupport.parkNanos(slot - now);
        }
        nextNanos = slot + intervalNanos;
    }
}
