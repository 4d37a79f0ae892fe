package io.reelrank.udf.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A catalog entry (topic {@code videos}, key video_id, compacted: the latest record per video
 * wins). A record with {@code deleted=true} removes the video; such a tombstone may carry only
 * its id and time.
 */
public record Video(
        String videoId,
        String creatorId,
        List<String> tags,
        long durationMs,
        long publishedTs,
        float[] embedding,
        boolean deleted) {

    /**
     * Creator ids and tags are interned: a catalog has few distinct ones, and a ranker reads
     * every candidate's tags and creator for each request. With one instance per video they are
     * scattered over the heap and the reads miss the cache; shared, they stay in it. The JVM's
     * string table drops an entry once nothing refers to it, so tags that leave the catalog do not
     * stay behind.
     */
    public Video {
        creatorId = creatorId == null ? null : creatorId.intern();
        tags = tags == null ? List.of() : interned(tags);
        embedding = embedding == null ? new float[0] : embedding;
    }

    private static List<String> interned(List<String> tags) {
        String[] shared = new String[tags.size()];
        for (int i = 0; i < shared.length; i++) {
            String tag = tags.get(i);
            shared[i] = tag == null ? null : tag.intern();
        }
        return List.of(shared); // null tags fail here, as List.copyOf failed on them
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Video v
                && durationMs == v.durationMs
                && publishedTs == v.publishedTs
                && deleted == v.deleted
                && Objects.equals(videoId, v.videoId)
                && Objects.equals(creatorId, v.creatorId)
                && tags.equals(v.tags)
                && Arrays.equals(embedding, v.embedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(videoId, creatorId, tags, durationMs, publishedTs, deleted)
                + 31 * Arrays.hashCode(embedding);
    }

    @Override
    public String toString() {
        return "Video[" + videoId + " by " + creatorId + ", tags=" + tags + ", " + durationMs
                + " ms, published " + publishedTs + (deleted ? ", deleted" : "") + "]";
    }
}
