package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.InputLimits.MAX_EMBEDDING_VALUES;
import static io.reelrank.udf.ingest.InputLimits.MAX_TAGS;
import static io.reelrank.udf.ingest.InputLimits.MAX_TAG_CHARS;


import io.reelrank.udf.contract.Video;
import java.util.List;

/**
 * Parses the videos topic. A tombstone ({@code "deleted":true}) needs only its id and time, and
 * whatever else it carries is ignored: the catalog only removes the video. A live video needs
 * its creator, duration and publish time; tags and embedding may be absent (empty).
 */
public final class VideoParser extends JsonRecordParser<Video> {

    private static final long serialVersionUID = 1L;

    @Override
    protected Video read(JsonFields fields) {
        String videoId = fields.id("video_id");
        boolean deleted = fields.optionalBoolean("deleted", false);
        long publishedTs = fields.timestamp("published_ts");
        if (deleted) {
            return new Video(videoId, null, List.of(), 0L, publishedTs, null, true);
        }
        String creatorId = fields.id("creator_id");
        List<String> tags = fields.optionalStrings("tags", MAX_TAGS, MAX_TAG_CHARS);
        long durationMs = fields.requiredLong("duration_ms");
        if (durationMs <= 0) {
            throw new RejectedRecord("duration_ms must be > 0");
        }
        float[] embedding = fields.optionalFloats("embedding", MAX_EMBEDDING_VALUES);
        return new Video(videoId, creatorId, tags, durationMs, publishedTs, embedding, false);
    }

    @Override
    public long eventTime(Video record) {
        return record.publishedTs();
    }

    @Override
    public String eventTimeField() {
        return "published_ts";
    }

    @Override
    public Class<Video> recordType() {
        return Video.class;
    }
}
