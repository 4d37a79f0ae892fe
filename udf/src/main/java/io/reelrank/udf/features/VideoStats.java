package io.reelrank.udf.features;

/**
 * A video's windowed engagement counts as of {@code asOfTs}; {@code windows[i]} belongs to the
 * i-th configured window. All-empty stats mean the video had no engagement in any window.
 */
public record VideoStats(String videoId, long asOfTs, EngagementCounts[] windows) {

    public boolean isEmpty() {
        for (EngagementCounts counts : windows) {
            if (!counts.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
