package io.reelrank.udf.ingest;

import java.io.Serializable;

/**
 * How far ahead of the wall clock an event time may be. A record beyond it (a device with a wrong
 * clock, a test message stamped 2099) is rejected on arrival, before its stream's watermark is
 * assigned: once applied, it would pull the watermark to its time and make every later record
 * late. Replays of past data are behind the wall clock, so they are never rejected by it.
 */
record FutureSkew(long maxMs) implements Serializable {

    /** No bound: every event time within {@link InputLimits#TIMESTAMP_RANGE} is accepted. */
    static final FutureSkew NONE = new FutureSkew(Long.MAX_VALUE);

    FutureSkew {
        if (maxMs < 0) {
            throw new IllegalArgumentException("the max future skew must be >= 0, got " + maxMs + " ms");
        }
    }

    /** Why {@code eventTime}, read from {@code field}, is too far ahead of {@code now}; null when it is not. */
    String violation(String field, long eventTime, long now) {
        // Subtracted from the event time, which lies in 2000..2100, so neither side can overflow.
        if (eventTime - maxMs <= now) {
            return null;
        }
        return field + " " + eventTime + " is " + (eventTime - now) + " ms ahead of the wall clock " + now
                + ", more than the max future skew of " + maxMs + " ms";
    }
}
