package io.reelrank.udf.catalog;

import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.state.StateCodec;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One stats version of a catalog entry: a marker byte (absent, the entry's video id, or its own id
 * that follows), then time, window count + 1 (0 for none), each window's counts behind a presence
 * byte, decayed plays and their time. Counts and times are unsigned varints, since most counts
 * fit a byte. The id is left out when it is the entry's video's, as it nearly always is.
 */
final class VideoStatsLayout {

    private static final int ABSENT = 0;
    private static final int WITH_VIDEO_ID = 1;
    private static final int WITH_OWN_ID = 2;

    private VideoStatsLayout() {}

    /** {@code videoId} is the entry's video's id, null when the entry has no video yet. */
    static void write(VideoStats stats, String videoId, DataOutputView out) throws IOException {
        if (stats == null) {
            out.writeByte(ABSENT);
            return;
        }
        boolean ownId = videoId == null || !videoId.equals(stats.videoId());
        out.writeByte(ownId ? WITH_OWN_ID : WITH_VIDEO_ID);
        if (ownId) {
            VideoLayout.STRINGS.write(stats.videoId(), out);
        }
        StateCodec.writeVarLong(stats.asOfTs(), out);
        EngagementCounts[] windows = stats.windows();
        StateCodec.writeVarInt(windows == null ? 0 : windows.length + 1, out);
        if (windows != null) {
            for (EngagementCounts counts : windows) {
                writeCounts(counts, out);
            }
        }
        out.writeDouble(stats.decayedPlays());
        StateCodec.writeVarLong(stats.decayedPlaysAsOfTs(), out);
    }

    static VideoStats read(String videoId, DataInputView in) throws IOException {
        int marker = in.readByte();
        if (marker == ABSENT) {
            return null;
        }
        if (marker != WITH_VIDEO_ID && marker != WITH_OWN_ID) {
            throw new IOException("catalog entry: unknown stats marker " + marker);
        }
        String id = marker == WITH_OWN_ID ? VideoLayout.STRINGS.read(in) : videoId;
        long asOfTs = StateCodec.readVarLong(in);
        int length = StateCodec.readVarInt(in) - 1;
        EngagementCounts[] windows = length < 0 ? null : new EngagementCounts[length];
        for (int i = 0; i < length; i++) {
            windows[i] = readCounts(in);
        }
        double decayedPlays = in.readDouble();
        return new VideoStats(id, asOfTs, windows, decayedPlays, StateCodec.readVarLong(in));
    }

    private static void writeCounts(EngagementCounts counts, DataOutputView out) throws IOException {
        if (StateCodec.present(counts, out)) {
            StateCodec.writeVarInt(counts.impressions, out);
            StateCodec.writeVarInt(counts.plays, out);
            StateCodec.writeVarInt(counts.likes, out);
            StateCodec.writeVarInt(counts.comments, out);
            StateCodec.writeVarInt(counts.shares, out);
            StateCodec.writeVarInt(counts.follows, out);
            StateCodec.writeVarInt(counts.skips, out);
            StateCodec.writeVarLong(counts.watchMs, out);
            out.writeFloat(counts.completionSum);
            StateCodec.writeVarInt(counts.completionPlays, out);
        }
    }

    private static EngagementCounts readCounts(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EngagementCounts counts = new EngagementCounts();
        counts.impressions = StateCodec.readVarInt(in);
        counts.plays = StateCodec.readVarInt(in);
        counts.likes = StateCodec.readVarInt(in);
        counts.comments = StateCodec.readVarInt(in);
        counts.shares = StateCodec.readVarInt(in);
        counts.follows = StateCodec.readVarInt(in);
        counts.skips = StateCodec.readVarInt(in);
        counts.watchMs = StateCodec.readVarLong(in);
        counts.completionSum = in.readFloat();
        counts.completionPlays = StateCodec.readVarInt(in);
        return counts;
    }
}
