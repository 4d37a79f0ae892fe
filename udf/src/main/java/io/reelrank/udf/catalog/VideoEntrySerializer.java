package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.state.StateCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes the rankers' catalog entries ({@link VideoEntry}) in broadcast state. Every ranker
 * writes its catalog whole on every checkpoint, through a stream that passes bytes on one at a
 * time, so the layout is compact: no per-field null flags or class tags, counts and times as
 * varints, ids and tags as UTF-8.
 *
 * <p>Layout: a presence byte and the video ({@link VideoLayout}), the settled stats, then the
 * number of versions ahead of the watermark and each of them ({@link VideoStatsLayout}).
 *
 * <p>Entries are never changed once in state (an update puts a new one), so {@link #copy} hands
 * back the entry itself: a checkpoint's synchronous phase copies broadcast state through its
 * value serializer, and sharing makes that copy a map copy. Catalogs written with either earlier
 * serializer still restore ({@link Snapshot}).
 */
public final class VideoEntrySerializer extends TypeSerializerSingleton<VideoEntry> {

    private static final long serialVersionUID = 1L;

    public static final VideoEntrySerializer INSTANCE = new VideoEntrySerializer();

    private static final VideoStats[] NONE = new VideoStats[0];

    /** Catalog entries are replaced, never changed: copies share them. */
    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public VideoEntry createInstance() {
        return new VideoEntry(null, null);
    }

    @Override
    public VideoEntry copy(VideoEntry from) {
        return from;
    }

    @Override
    public VideoEntry copy(VideoEntry from, VideoEntry reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(VideoEntry entry, DataOutputView out) throws IOException {
        Video video = entry.video();
        String videoId = video == null ? null : video.videoId();
        if (StateCodec.present(video, out)) {
            VideoLayout.write(video, out);
        }
        VideoStatsLayout.write(entry.stats(), videoId, out);
        VideoStats[] newer = entry.newer();
        StateCodec.writeVarInt(newer.length, out);
        for (VideoStats version : newer) {
            VideoStatsLayout.write(version, videoId, out);
        }
    }

    @Override
    public VideoEntry deserialize(DataInputView in) throws IOException {
        Video video = in.readBoolean() ? VideoLayout.read(in) : null;
        String videoId = video == null ? null : video.videoId();
        VideoStats stats = VideoStatsLayout.read(videoId, in);
        int count = StateCodec.readVarInt(in);
        VideoStats[] newer = count == 0 ? NONE : new VideoStats[count];
        for (int i = 0; i < count; i++) {
            newer[i] = VideoStatsLayout.read(videoId, in);
        }
        return new VideoEntry(video, stats, newer);
    }

    @Override
    public VideoEntry deserialize(VideoEntry reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<VideoEntry> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Restores {@link VideoEntrySerializer}; public with a no-argument constructor for Flink. A
     * catalog written with the POJO serializer, or with {@link SharedValueSerializer} around it,
     * is read with that serializer and written in this layout from the next checkpoint on.
     */
    public static class Snapshot extends SimpleTypeSerializerSnapshot<VideoEntry> {
        public Snapshot() {
            super(() -> INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<VideoEntry> resolveSchemaCompatibility(
                TypeSerializerSnapshot<VideoEntry> old) {
            if (old instanceof PojoSerializerSnapshot || old instanceof SharedValueSerializer.Snapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            if (getClass().isInstance(old)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs(); // read under its 0.1 name
            }
            return super.resolveSchemaCompatibility(old);
        }
    }
}
