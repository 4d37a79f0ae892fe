package io.reelrank.udf.state;

import io.reelrank.udf.features.EngagementHistory;
import io.reelrank.udf.state.StateCodec.StringFormat;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An {@link EngagementHistory} in user state: presence byte, the entry count as a varint, then
 * per entry the video id ({@link StringFormat#UTF8}), the action code byte and the event time as
 * a zigzag varlong difference from the previous entry's (from 0 for the first). Entries are
 * newest first, so the differences are small and non-negative: two to four bytes where a long
 * takes eight, which keeps fifty entries within the per-user state budget.
 */
final class EngagementHistoryLayout {

    private EngagementHistoryLayout() {}

    static void write(EngagementHistory history, DataOutputView out) throws IOException {
        if (!StateCodec.present(history, out)) {
            return;
        }
        int size = history.size();
        StateCodec.writeVarInt(size, out);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            StringFormat.UTF8.write(history.videoIds[i], out);
            out.writeByte(history.actions[i]);
            StateCodec.writeVarLong(zigzag(previous - history.eventTs[i]), out);
            previous = history.eventTs[i];
        }
    }

    static EngagementHistory read(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int size = StateCodec.readVarInt(in);
        EngagementHistory history = new EngagementHistory();
        history.videoIds = new String[size];
        history.actions = new byte[size];
        history.eventTs = new long[size];
        long previous = 0;
        for (int i = 0; i < size; i++) {
            history.videoIds[i] = StringFormat.UTF8.read(in);
            history.actions[i] = in.readByte();
            previous -= unzigzag(StateCodec.readVarLong(in));
            history.eventTs[i] = previous;
        }
        return history;
    }

    static EngagementHistory copy(EngagementHistory from) {
        return from == null ? null : from.copy();
    }

    /** Small magnitudes of either sign to small unsigned numbers: 0, -1, 1, -2 ... to 0, 1, 2, 3 ... */
    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
