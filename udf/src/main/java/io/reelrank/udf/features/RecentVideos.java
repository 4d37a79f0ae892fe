package io.reelrank.udf.features;

/**
 * The last {@code capacity} distinct videos a user engaged with, as a ring buffer: recent
 * enough to keep already-seen videos out of recommendations, bounded so state cannot grow.
 */
public class RecentVideos {
    public String[] ring = new String[0];
    public int next;

    public RecentVideos() {}

    public void add(String videoId, int capacity) {
        if (contains(videoId)) {
            return;
        }
        if (ring.length < capacity) {
            String[] grown = new String[ring.length + 1];
            System.arraycopy(ring, 0, grown, 0, ring.length);
            grown[ring.length] = videoId;
            ring = grown;
            return;
        }
        ring[next] = videoId;
        next = (next + 1) % ring.length;
    }

    public boolean contains(String videoId) {
        for (String seen : ring) {
            if (seen.equals(videoId)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return ring.length;
    }
}
