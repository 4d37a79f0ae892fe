package io.reelrank.udf.rank;

import io.reelrank.udf.features.VideoEntry;

/**
 * A catalog entry with the values of its video-only feature columns kept per stats version:
 * those columns depend on the video and the stats as of the request time, and nothing else, so
 * each version's values are computed once, when a request first reads it, rather than for every
 * candidate of every request. A version no request reads costs nothing (a replay keeps up to
 * {@link VideoEntry#MAX_AHEAD} of them). Read and filled by the ranker's task thread only.
 */
final class PreparedVideo {
    private final String videoId;
    // The id packed inline (PackedId), so that a lookup compares it without leaving this object.
    private final int idLength;
    private final long idLow;
    private final long idHigh;
    private final VideoEntry entry;
    private final FeatureAssembler assembler;
    private final float[][] byVersion;
    private float[] withoutStats;

    PreparedVideo(String videoId, VideoEntry entry, FeatureAssembler assembler) {
        this.videoId = videoId;
        this.idLength = PackedId.length(videoId);
        this.idLow = idLength < 0 ? 0 : PackedId.low(videoId, idLength);
        this.idHigh = idLength < 0 ? 0 : PackedId.high(videoId, idLength);
        this.entry = entry;
        this.assembler = assembler;
        this.byVersion = new float[entry.versions()][];
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

    /** The video-only columns (in {@link FeatureAssembler}'s order) of the stats version {@code now} sees. */
    float[] columnsAt(long now) {
        int version = entry.versionAt(now);
        if (version < 0) {
            if (withoutStats == null) {
                withoutStats = assembler.videoValues(entry.video(), null);
            }
            return withoutStats;
        }
        if (byVersion[version] == null) {
            byVersion[version] = assembler.videoValues(entry.video(), entry.version(version));
        }
        return byVersion[version];
    }
}
