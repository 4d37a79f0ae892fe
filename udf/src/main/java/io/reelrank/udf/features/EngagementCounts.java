package io.reelrank.udf.features;

import io.reelrank.udf.contract.Action;

/**
 * Engagement counters of one time bucket, or of a whole window once buckets are summed. A
 * mutable POJO because it is state: RocksDB serialises it on every update, and a fresh object
 * per event would only add garbage.
 */
public class EngagementCounts {
    public int impressions;
    public int plays;
    public int likes;
    public int comments;
    public int shares;
    public int follows;
    public int skips;
    public long watchMs;
    /** Sum of watch fractions (capped at 1) over plays of videos whose duration is known. */
    public float completionSum;
    /** Plays that contributed to {@link #completionSum}. */
    public int completionPlays;

    public EngagementCounts() {}

    /**
     * Counts one engagement. {@code completion} is watch_ms / duration_ms capped at 1, or a
     * negative number when the video's duration is unknown.
     */
    public void add(Action action, long watchMs, float completion) {
        switch (action) {
            case IMPRESSION -> impressions++;
            case PLAY -> {
                plays++;
                this.watchMs += watchMs;
                if (completion >= 0) {
                    completionSum += completion;
                    completionPlays++;
                }
            }
            case LIKE -> likes++;
            case COMMENT -> comments++;
            case SHARE -> shares++;
            case FOLLOW -> follows++;
            case SKIP -> skips++;
        }
    }

    public void addAll(EngagementCounts other) {
        impressions += other.impressions;
        plays += other.plays;
        likes += other.likes;
        comments += other.comments;
        shares += other.shares;
        follows += other.follows;
        skips += other.skips;
        watchMs += other.watchMs;
        completionSum += other.completionSum;
        completionPlays += other.completionPlays;
    }

    public boolean isEmpty() {
        return impressions + plays + likes + comments + shares + follows + skips == 0;
    }

    /** likes / (plays + 1): smoothed so that one play with one like is not a 100% like rate. */
    public float likeRate() {
        return likes / (plays + 1f);
    }

    public float shareRate() {
        return shares / (plays + 1f);
    }

    public float skipRate() {
        return skips / (plays + skips + 1f);
    }

    public float completion() {
        return completionPlays == 0 ? 0f : completionSum / completionPlays;
    }

    public EngagementCounts copy() {
        EngagementCounts copy = new EngagementCounts();
        copy.addAll(this);
        return copy;
    }

    @Override
    public String toString() {
        return "EngagementCounts{plays=" + plays + ", likes=" + likes + ", comments=" + comments
                + ", shares=" + shares + ", follows=" + follows + ", skips=" + skips
                + ", impressions=" + impressions + ", watchMs=" + watchMs
                + ", completion=" + completion() + "}";
    }
}
