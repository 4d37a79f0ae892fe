package io.reelrank.udf.state;

import io.reelrank.udf.features.RecentVideos;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A {@link RecentVideos} ring in user state: presence byte, the ring's ids, then the next slot. */
final class RecentVideosLayout {

    private RecentVideosLayout() {}

    static void write(RecentVideos recent, StringFormat format, DataOutputView out) throws IOException {
        if (StateCodec.present(recent, out)) {
            StateCodec.writeStrings(recent.ring, format, out);
            out.writeInt(recent.next);
        }
    }

    static RecentVideos read(StringFormat format, DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        RecentVideos recent = new RecentVideos();
        recent.ring = StateCodec.readStrings(format, in);
        recent.next = in.readInt();
        return recent;
    }

    static RecentVideos copy(RecentVideos from) {
        if (from == null) {
            return null;
        }
        RecentVideos copy = new RecentVideos();
        copy.ring = from.ring == null ? null : from.ring.clone();
        copy.next = from.next;
        return copy;
    }
}
