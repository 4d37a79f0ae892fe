package io.reelrank.udf.features;

/** The counts of one window's time bucket; {@code window} indexes the configured windows. */
public class CountBucket {
    public int window;
    public long start;
    public EngagementCounts counts;

    public CountBucket() {}

    public CountBucket(int window, long start) {
        this.window = window;
        this.start = start;
        this.counts = new EngagementCounts();
    }
}
