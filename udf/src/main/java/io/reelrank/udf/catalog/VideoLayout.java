package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.state.StateCodec;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A catalog entry's {@link Video}: id, creator, tag count and tags, duration, publish time,
 * embedding length and floats, deleted. Strings are UTF-8, counts and times unsigned varints.
 */
final class VideoLayout {

    static final StringFormat STRINGS = StringFormat.UTF8;

    private VideoLayout() {}

    static void write(Video video, DataOutputView out) throws IOException {
        STRINGS.write(video.videoId(), out);
        STRINGS.write(video.creatorId(), out);
        StateCodec.writeVarInt(video.tags().size(), out);
        for (String tag : video.tags()) {
            STRINGS.write(tag, out);
        }
        StateCodec.writeVarLong(video.durationMs(), out);
        StateCodec.writeVarLong(video.publishedTs(), out);
        float[] embedding = video.embedding();
        StateCodec.writeVarInt(embedding.length, out);
        for (float value : embedding) {
            out.writeFloat(value);
        }
        out.writeBoolean(video.deleted());
    }

    static Video read(DataInputView in) throws IOException {
        String videoId = STRINGS.read(in);
        String creatorId = STRINGS.read(in);
        String[] tags = new String[StateCodec.readVarInt(in)];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = STRINGS.read(in);
        }
        long durationMs = StateCodec.readVarLong(in);
        long publishedTs = StateCodec.readVarLong(in);
        float[] embedding = new float[StateCodec.readVarInt(in)];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = in.readFloat();
        }
        return new Video(videoId, creatorId, Arrays.asList(tags), durationMs, publishedTs, embedding, in.readBoolean());
    }
}
