package io.reelrank.udf.features;

import java.io.Serializable;
import java.time.Duration;

/**
 * One sliding window of engagement counts: its name as used by the feature spec (e.g. "1h"),
 * its length and the size of the time buckets it is summed from. A window is exact to within
 * one bucket: the oldest bucket counts whole while any of it lies inside the window.
 */
public record WindowSpec(String name, long lengthMs, long bucketMs) implements Serializable {

    public WindowSpec {
        if (lengthMs <= 0 || bucketMs <= 0 || lengthMs % bucketMs != 0) {
            throw new IllegalArgumentException("window " + name + ": length " + lengthMs
                    + " ms must be a positive multiple of the bucket size " + bucketMs + " ms");
        }
    }

    public static WindowSpec of(String name, Duration length, Duration bucket) {
        return new WindowSpec(name, length.toMillis(), bucket.toMillis());
    }

    public long bucketStart(long ts) {
        return Math.floorDiv(ts, bucketMs) * bucketMs;
    }

    /** The event time from which a bucket starting at {@code start} no longer counts. */
    public long expiryOf(long bucketStart) {
        return bucketStart + bucketMs + lengthMs;
    }

    /** Whether the bucket starting at {@code start} counts towards this window at {@code now}. */
    public boolean covers(long bucketStart, long now) {
        return bucketStart <= now && now < expiryOf(bucketStart);
    }
}
