package io.reelrank.udf.rank;

import io.reelrank.udf.features.VideoEntry;
import io.reelrank.udf.features.VideoStats;

/**
 * A catalog entry with the values of its video-only feature columns already computed, once per
 * stats version, when the entry arrives rather than for every candidate of every request: those
 * columns depend on the video and the stats as of the request time, and nothing else. {@link
 * #columnsAt} picks the version exactly as {@link VideoEntry#statsAt} does.
 */
final class PreparedVideo {
    private final VideoEntry entry;
    private final float[] withoutStats;
    private final float[] ofStats;
    private final float[][] ofNewer;

    PreparedVideo(VideoEntry entry, float[] withoutStats, float[] ofStats, float[][] ofNewer) {
        this.entry = entry;
        this.withoutStats = withoutStats;
        this.ofStats = ofStats;
        this.ofNewer = ofNewer;
    }

    VideoEntry entry() {
        return entry;
    }

    /** The video-only columns (in {@link FeatureAssembler}'s order) as of event time {@code now}. */
    float[] columnsAt(long now) {
        VideoStats[] newer = entry.newer();
        for (int i = newer.length - 1; i >= 0; i--) {
            if (newer[i].asOfTs() <= now) {
                return ofNewer[i];
            }
        }
        VideoStats stats = entry.stats();
        return stats != null && stats.asOfTs() <= now ? ofStats : withoutStats;
    }
}
