package io.reelrank.udf.features;

import io.reelrank.udf.contract.Video;

/**
 * What the rankers know about one video, in broadcast state: its catalog record (null while
 * only stats have arrived) and its latest windowed stats (null before the first engagement).
 */
public record VideoEntry(Video video, VideoStats stats) {

    public boolean rankable() {
        return video != null && !video.deleted();
    }
}
