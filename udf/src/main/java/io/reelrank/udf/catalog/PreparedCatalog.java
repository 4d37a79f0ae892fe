package io.reelrank.udf.catalog;

/**
 * The ranker's catalog as candidates read it: every entry of the broadcast catalog that has a
 * catalog record, with its video-only columns computed ({@link PreparedVideo}). Derived data like
 * {@link CatalogIndex}: rebuilt from broadcast state after a restore, never checkpointed. A
 * lookup's null says "no catalog record", as the broadcast state's null or video-less entry did.
 *
 * <p>Every candidate of every request is looked up here, and a {@code HashMap} lookup misses
 * the cache three times before it reaches the entry (its node, the key {@code String}, the
 * key's bytes). This table is open-addressed (linear probing) over two
 * parallel arrays, the keys' hashes and the entries, and short ids are compared with a copy of
 * their characters inside the entry ({@link PreparedVideo#hasId}), so a lookup touches the two
 * arrays and the entry it returns.
 */
public final class PreparedCatalog {
    private static final int INITIAL_CAPACITY = 1 << 10;

    private final VideoColumns columns;
    private int[] hashes = new int[INITIAL_CAPACITY];
    private PreparedVideo[] videos = new PreparedVideo[INITIAL_CAPACITY];
    private int size;

    public PreparedCatalog(VideoColumns columns) {
        this.columns = columns;
    }

    public void update(String videoId, VideoEntry entry) {
        if (entry == null || entry.video() == null) {
            remove(videoId);
        } else {
            put(new PreparedVideo(videoId, entry, columns));
        }
    }

    /** The prepared entry, or null when the catalog has no record of the video. */
    public PreparedVideo get(String videoId) {
        int slot = find(videoId);
        return slot < 0 ? null : videos[slot];
    }

    public int size() {
        return size;
    }

    /** The slot holding {@code videoId}, or -(the empty slot where it would go) - 1. */
    private int find(String videoId) {
        int hash = hash(videoId);
        int length = PackedId.length(videoId);
        long low = length < 0 ? 0 : PackedId.low(videoId, length);
        long high = length < 0 ? 0 : PackedId.high(videoId, length);
        int mask = videos.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            PreparedVideo video = videos[i];
            if (video == null) {
                return -i - 1;
            }
            if (hashes[i] == hash && video.hasId(videoId, length, low, high)) {
                return i;
            }
        }
    }

    private void put(PreparedVideo video) {
        int slot = find(video.videoId());
        if (slot >= 0) {
            videos[slot] = video;
            return;
        }
        if (2 * (size + 1) > videos.length) {
            resize(videos.length * 2);
            slot = find(video.videoId());
        }
        int i = -slot - 1;
        hashes[i] = hash(video.videoId());
        videos[i] = video;
        size++;
    }

    /** Linear probing's deletion: later entries of the run move back into the hole. */
    private void remove(String videoId) {
        int hole = find(videoId);
        if (hole < 0) {
            return;
        }
        size--;
        int mask = videos.length - 1;
        for (int i = (hole + 1) & mask; videos[i] != null; i = (i + 1) & mask) {
            int home = hashes[i] & mask;
            // Entry i may move into the hole unless its home slot lies cyclically in (hole, i].
            boolean homeAfterHole = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeAfterHole) {
                hashes[hole] = hashes[i];
                videos[hole] = videos[i];
                hole = i;
            }
        }
        videos[hole] = null;
        hashes[hole] = 0;
    }

    private void resize(int capacity) {
        int[] oldHashes = hashes;
        PreparedVideo[] oldVideos = videos;
        hashes = new int[capacity];
        videos = new PreparedVideo[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldVideos.length; j++) {
            if (oldVideos[j] != null) {
                int i = oldHashes[j] & mask;
                while (videos[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                videos[i] = oldVideos[j];
            }
        }
    }

    private static int hash(String videoId) {
        int h = videoId.hashCode();
        return h ^ (h >>> 16) ^ (h >>> 7);
    }
}
