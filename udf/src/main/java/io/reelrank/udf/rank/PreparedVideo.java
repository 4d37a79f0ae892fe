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
    private final String videoId;
    // The id packed inline (PackedId), so that a lookup compares it without leaving this object.
    private final int idLength;
    private final long idLow;
    private final long idHigh;
    private final VideoEntry entry;
    private final float[] withoutStats;
    private final float[] ofStats;
    private final float[][] ofNewer;

    PreparedVideo(String videoId, VideoEntry entry, float[] withoutStats, float[] ofStats, float[][] ofNewer) {
        this.videoId = videoId;
        this.idLength = PackedId.length(videoId);
        this.idLow = idLength < 0 ? 0 : PackedId.low(videoId, idLength);
        this.idHigh = idLength < 0 ? 0 : PackedId.high(videoId, idLength);
        this.entry = entry;
        this.withoutStats = withoutStats;
        this.ofStats = ofStats;
        this.ofNewer = ofNewer;
    }

    String videoId() {
        return videoId;
    }

    /** Whether this is {@code id}, whose {@link PackedId} length, low and high the caller computed. */
    boolean hasId(String id, int length, long low, long high) {
        if (length >= 0) {
            return length == idLength && low == idLow && high == idHigh;
        }
        return idLength < 0 && videoId.equals(id);
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
