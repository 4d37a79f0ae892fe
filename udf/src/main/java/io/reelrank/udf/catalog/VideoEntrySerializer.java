package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.state.StateParts.StringFormat;
import io.reelrank.udf.state.StateParts;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes the rankers' catalog entries ({@link VideoEntry}) in broadcast state, which every
 * ranker writes whole on every checkpoint. Flink's reflective {@code PojoSerializer} wrote them
 * one field at a time through Flink's checkpoint stream, which passes every byte on by itself
 * ({@code CompressibleFSDataOutputStream} has no bulk write): at 10,000 videos each ranker's
 * asynchronous phase ran 200-400 ms per checkpoint, and on two cores the requests queued behind
 * it. With the catalog left out of the checkpoint (a throwaway experiment) the p99 at half load
 * was 34 ms, against 67-153 ms with it (docs/benchmarks.md, profiling round 8). This layout has
 * no per-field null flags or class tags, writes counts and times as varints and ids and tags as
 * UTF-8, and leaves out each stats version's video id (the entry's video has it): 186 bytes a
 * video instead of 317, written in half the time ({@code BenchMain --only heap}).
 *
 * <p>Layout: the video (presence byte; id, creator, tag count and tags, duration, publish time,
 * embedding length and floats, deleted), then the settled stats and the versions ahead of the
 * watermark (their count, then each with a marker byte: absent, the video's id, or its own id
 * that follows; then time, window count + 1 (0 for none), each window's counts behind a presence
 * byte, decayed plays and their time). Counts, lengths and times are unsigned varints.
 *
 * <p>Entries are never changed once in state (an update puts a new one), so {@link #copy} hands
 * back the entry itself: a checkpoint's synchronous phase copies broadcast state through its
 * value serializer, and sharing makes that copy a map copy (see {@link SharedValueSerializer},
 * the serializer before this one). A savepoint or checkpoint written with either earlier
 * serializer restores: Flink reads it with the serializer it was written with, and the next
 * checkpoint writes this layout ({@link Snapshot}).
 */
public final class VideoEntrySerializer extends TypeSerializerSingleton<VideoEntry> {

    private static final long serialVersionUID = 1L;

    public static final VideoEntrySerializer INSTANCE = new VideoEntrySerializer();

    private static final StringFormat STRINGS = StringFormat.UTF8;
    private static final VideoStats[] NONE = new VideoStats[0];
    // The byte before each stats version.
    private static final int STATS_ABSENT = 0;
    private static final int STATS = 1;
    private static final int STATS_WITH_ID = 2;

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
        if (StateParts.present(video, out)) {
            writeVideo(video, out);
        }
        writeStats(entry.stats(), videoId, out);
        VideoStats[] newer = entry.newer();
        StateParts.writeVarInt(newer.length, out);
        for (VideoStats version : newer) {
            writeStats(version, videoId, out);
        }
    }

    @Override
    public VideoEntry deserialize(DataInputView in) throws IOException {
        Video video = in.readBoolean() ? readVideo(in) : null;
        String videoId = video == null ? null : video.videoId();
        VideoStats stats = readStats(videoId, in);
        int count = StateParts.readVarInt(in);
        VideoStats[] newer = count == 0 ? NONE : new VideoStats[count];
        for (int i = 0; i < count; i++) {
            newer[i] = readStats(videoId, in);
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

    private static void writeVideo(Video video, DataOutputView out) throws IOException {
        STRINGS.write(video.videoId(), out);
        STRINGS.write(video.creatorId(), out);
        StateParts.writeVarInt(video.tags().size(), out);
        for (String tag : video.tags()) {
            STRINGS.write(tag, out);
        }
        StateParts.writeVarLong(video.durationMs(), out);
        StateParts.writeVarLong(video.publishedTs(), out);
        float[] embedding = video.embedding();
        StateParts.writeVarInt(embedding.length, out);
        for (float value : embedding) {
            out.writeFloat(value);
        }
        out.writeBoolean(video.deleted());
    }

    private static Video readVideo(DataInputView in) throws IOException {
        String videoId = STRINGS.read(in);
        String creatorId = STRINGS.read(in);
        String[] tags = new String[StateParts.readVarInt(in)];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = STRINGS.read(in);
        }
        long durationMs = StateParts.readVarLong(in);
        long publishedTs = StateParts.readVarLong(in);
        float[] embedding = new float[StateParts.readVarInt(in)];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = in.readFloat();
        }
        return new Video(videoId, creatorId, Arrays.asList(tags), durationMs, publishedTs, embedding, in.readBoolean());
    }

    /** A version's id is written only when it is not its video's (stats that came before the record). */
    private static void writeStats(VideoStats stats, String videoId, DataOutputView out) throws IOException {
        if (stats == null) {
            out.writeByte(STATS_ABSENT);
            return;
        }
        boolean ownId = videoId == null || !videoId.equals(stats.videoId());
        out.writeByte(ownId ? STATS_WITH_ID : STATS);
        if (ownId) {
            STRINGS.write(stats.videoId(), out);
        }
        StateParts.writeVarLong(stats.asOfTs(), out);
        EngagementCounts[] windows = stats.windows();
        StateParts.writeVarInt(windows == null ? 0 : windows.length + 1, out);
        if (windows != null) {
            for (EngagementCounts counts : windows) {
                writeCounts(counts, out);
            }
        }
        out.writeDouble(stats.decayedPlays());
        StateParts.writeVarLong(stats.decayedPlaysAsOfTs(), out);
    }

    private static VideoStats readStats(String videoId, DataInputView in) throws IOException {
        int kind = in.readByte();
        if (kind == STATS_ABSENT) {
            return null;
        }
        if (kind != STATS && kind != STATS_WITH_ID) {
            throw new IOException("catalog entry: unknown stats marker " + kind);
        }
        String id = kind == STATS_WITH_ID ? STRINGS.read(in) : videoId;
        long asOfTs = StateParts.readVarLong(in);
        int length = StateParts.readVarInt(in) - 1;
        EngagementCounts[] windows = length < 0 ? null : new EngagementCounts[length];
        for (int i = 0; i < length; i++) {
            windows[i] = readCounts(in);
        }
        double decayedPlays = in.readDouble();
        return new VideoStats(id, asOfTs, windows, decayedPlays, StateParts.readVarLong(in));
    }

    /** A window's counts, each count a varint: most are a byte. */
    private static void writeCounts(EngagementCounts counts, DataOutputView out) throws IOException {
        if (StateParts.present(counts, out)) {
            StateParts.writeVarInt(counts.impressions, out);
            StateParts.writeVarInt(counts.plays, out);
            StateParts.writeVarInt(counts.likes, out);
            StateParts.writeVarInt(counts.comments, out);
            StateParts.writeVarInt(counts.shares, out);
            StateParts.writeVarInt(counts.follows, out);
            StateParts.writeVarInt(counts.skips, out);
            StateParts.writeVarLong(counts.watchMs, out);
            out.writeFloat(counts.completionSum);
            StateParts.writeVarInt(counts.completionPlays, out);
        }
    }

    private static EngagementCounts readCounts(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EngagementCounts counts = new EngagementCounts();
        counts.impressions = StateParts.readVarInt(in);
        counts.plays = StateParts.readVarInt(in);
        counts.likes = StateParts.readVarInt(in);
        counts.comments = StateParts.readVarInt(in);
        counts.shares = StateParts.readVarInt(in);
        counts.follows = StateParts.readVarInt(in);
        counts.skips = StateParts.readVarInt(in);
        counts.watchMs = StateParts.readVarLong(in);
        counts.completionSum = in.readFloat();
        counts.completionPlays = StateParts.readVarInt(in);
        return counts;
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
