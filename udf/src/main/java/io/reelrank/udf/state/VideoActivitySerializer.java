package io.reelrank.udf.state;

import io.reelrank.udf.features.VideoActivity;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a video's {@link VideoActivity} in keyed state: a presence byte and the windowed
 * counts as {@link WindowedCountsSerializer} writes them, then duration, the changed flag and the
 * decayed play count. The video-stats operator reads and writes this value on every engagement;
 * a savepoint that still holds the POJO serializer's bytes is migrated on restore ({@link
 * StateValueSerializer.Snapshot}).
 */
public final class VideoActivitySerializer extends StateValueSerializer<VideoActivity> {

    private static final long serialVersionUID = 1L;

    public static final VideoActivitySerializer INSTANCE = new VideoActivitySerializer();

    @Override
    public VideoActivity createInstance() {
        return new VideoActivity();
    }

    @Override
    public VideoActivity copy(VideoActivity from) {
        if (from == null) {
            return null;
        }
        VideoActivity copy = new VideoActivity();
        copy.counts = WindowedCountsSerializer.INSTANCE.copy(from.counts);
        copy.durationMs = from.durationMs;
        copy.changed = from.changed;
        copy.decayedPlays = from.decayedPlays;
        copy.decayedPlaysAsOfTs = from.decayedPlaysAsOfTs;
        return copy;
    }

    @Override
    public void serialize(VideoActivity activity, DataOutputView out) throws IOException {
        if (StateCodec.present(activity.counts, out)) {
            WindowedCountsSerializer.INSTANCE.serialize(activity.counts, out);
        }
        out.writeLong(activity.durationMs);
        out.writeBoolean(activity.changed);
        out.writeDouble(activity.decayedPlays);
        out.writeLong(activity.decayedPlaysAsOfTs);
    }

    @Override
    public VideoActivity deserialize(DataInputView in) throws IOException {
        VideoActivity activity = new VideoActivity();
        activity.counts = in.readBoolean() ? WindowedCountsSerializer.INSTANCE.deserialize(in) : null;
        activity.durationMs = in.readLong();
        activity.changed = in.readBoolean();
        activity.decayedPlays = in.readDouble();
        activity.decayedPlaysAsOfTs = in.readLong();
        return activity;
    }

    @Override
    public TypeSerializerSnapshot<VideoActivity> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link VideoActivitySerializer}; public with a no-argument constructor for Flink. */
    public static class Snapshot extends StateValueSerializer.Snapshot<VideoActivity> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
