package io.reelrank.udf.features;

import io.reelrank.udf.contract.Action;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Engagement counts over several sliding windows at once, kept as sparse time buckets: only
 * buckets with events exist, so an active user or video costs a handful of buckets, and a
 * bucket disappears once it has left its window ({@link #prune}). One value per key in keyed
 * state; the caller registers an event-time timer at each expiry this class reports.
 */
public class WindowedCounts {
    public CountBucket[] buckets = new CountBucket[0];

    public WindowedCounts() {}

    /**
     * Adds one engagement at {@code ts} to every window whose bucket for {@code ts} is still
     * alive at {@code watermark}. Reports the expiry time of each bucket it creates.
     */
    public void add(WindowSpec[] windows, long ts, long watermark, Action action, long watchMs,
                    float completion, LongConsumer newBucketExpiry) {
        for (int w = 0; w < windows.length; w++) {
            WindowSpec window = windows[w];
            long start = window.bucketStart(ts);
            if (window.expiryOf(start) <= watermark) {
                continue;
            }
            CountBucket bucket = find(w, start);
            if (bucket == null) {
                bucket = new CountBucket(w, start);
                buckets = Arrays.copyOf(buckets, buckets.length + 1);
                buckets[buckets.length - 1] = bucket;
                newBucketExpiry.accept(window.expiryOf(start));
            }
            bucket.counts.add(action, watchMs, completion);
        }
    }

    /** Sums each window's buckets as seen at {@code now}; index i is window i. */
    public EngagementCounts[] totals(WindowSpec[] windows, long now) {
        EngagementCounts[] totals = new EngagementCounts[windows.length];
        for (int w = 0; w < windows.length; w++) {
            totals[w] = new EngagementCounts();
        }
        for (CountBucket bucket : buckets) {
            if (windows[bucket.window].covers(bucket.start, now)) {
                totals[bucket.window].addAll(bucket.counts);
            }
        }
        return totals;
    }

    /** Drops buckets that expired at {@code watermark}; returns whether any are left. */
    public boolean prune(WindowSpec[] windows, long watermark) {
        int kept = 0;
        for (CountBucket bucket : buckets) {
            if (windows[bucket.window].expiryOf(bucket.start) > watermark) {
                buckets[kept++] = bucket;
            }
        }
        if (kept != buckets.length) {
            buckets = Arrays.copyOf(buckets, kept);
        }
        return kept > 0;
    }

    private CountBucket find(int window, long start) {
        for (CountBucket bucket : buckets) {
            if (bucket.window == window && bucket.start == start) {
                return bucket;
            }
        }
        return null;
    }
}
