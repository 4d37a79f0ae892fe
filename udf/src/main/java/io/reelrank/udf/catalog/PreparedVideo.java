package io.reelrank.udf.catalog;

/**
 * A catalog entry with the values of its video-only feature columns kept per stats version:
 * those columns depend on the video and the stats as of the request time, and nothing else, so
 * each version's values are computed once, when a request first reads it, rather than for every
 * candidate of every request. A version no request reads costs nothing (a replay keeps up to
 * {@link VideoEntry#MAX_AHEAD} of them). Read and filled by the ranker's task thread only.
 */
public final class PreparedVideo {
    private final String videoId;
    // The id packed inline (PackedId), so that a lookup compares it without leaving this object.
    private final int idLength;
    private final long idLow;
    private final long idHigh;
    private final VideoEntry entry;
    private final VideoColumns columns;
    private final float[][] byVersion;
    private float[] withoutStats;

    PreparedVideo(String videoId, VideoEntry entry, VideoColumns columns) {
        this.videoId = videoId;
        this.idLength = PackedId.length(videoId);
        this.idLow = idLength < 0 ? 0 : PackedId.low(videoId, idLength);
        this.idHigh = idLength < 0 ? 0 : PackedId.high(videoId, idLength);
        this.entry = entry;
        this.columns = columns;
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

    public VideoEntry entry() {
        return entry;
    }

    /** The video-only columns (in the order of {@link VideoColumns}) of the stats version {@code now} sees. */
    public float[] columnsAt(long now) {
        int version = entry.versionAt(now);
        if (version < 0) {
            if (withoutStats == null) {
                withoutStats = columns.of(entry.video(), null);
            }
            return withoutStats;
        }
        if (byVersion[version] == null) {
            byVersion[version] = columns.of(entry.video(), entry.version(version));
        }
        return byVersion[version];
    }
}
