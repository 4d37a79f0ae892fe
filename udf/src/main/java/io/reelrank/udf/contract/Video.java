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

    public Video {
        tags = tags == null ? List.of() : List.copyOf(tags);
        embedding = embedding == null ? new float[0] : embedding;
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
