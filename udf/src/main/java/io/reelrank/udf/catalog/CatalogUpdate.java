package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.VideoStats;

/**
 * One element of the broadcast that feeds the rankers: a catalog record or fresh stats of a
 * video, never both. One type so that catalog and stats travel in one broadcast stream.
 */
public record CatalogUpdate(String videoId, Video video, VideoStats stats) {

    public static CatalogUpdate of(Video video) {
        return new CatalogUpdate(video.videoId(), video, null);
    }

    public static CatalogUpdate of(VideoStats stats) {
        return new CatalogUpdate(stats.videoId(), null, stats);
    }

    /**
     * The entry that results from applying this update to {@code current} (null: remove it) when
     * the receiving operator's watermark is {@code watermark}.
     */
    public VideoEntry applyTo(VideoEntry current, long watermark) {
        if (video != null) {
            if (video.deleted()) {
                return null;
            }
            return current == null ? new VideoEntry(video, null) : current.withVideo(video);
        }
        Video known = current == null ? null : current.video();
        if (known == null && stats.isEmpty()) {
            return null;
        }
        return (current == null ? new VideoEntry(null, null) : current).withStats(stats, watermark);
    }
}
