package io.reelrank.udf.state;

import io.reelrank.udf.features.DecayedWeights;
import io.reelrank.udf.features.EmbeddingProfile;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.RecentVideos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Binary layout and deep copies of the parts of the per-user state, for {@link
 * UserStateSerializer}, the older {@link UserProfileSerializer} and {@link
 * WindowedCountsSerializer}. Any reference may be null, as it may in a POJO: an object is
 * preceded by a presence byte, an array by its length or -1. Strings are written in one of two
 * {@link StringFormat}s: the older serializers' format must stay readable for migration. The
 * varints and the UTF-8 strings also serve {@link VideoEntrySerializer}.
 */
public final class StateParts {

    private StateParts() {}

    /** How a part's strings are written. */
    public enum StringFormat {
        /** {@link StringValue#writeString}: a variable-length code per char, written byte by byte. */
        STRING_VALUE,
        /**
         * Length + 1 (0 for null) as a varint, 7 bits a byte (one byte below 127), then the UTF-8
         * bytes in one write: ids and tags are ASCII, for which the JDK's encoder and decoder are
         * an array copy. Reading and writing strings one char at a time was 16% of the ranker's CPU
         * in the ingestion profile.
         */
        UTF8;

        public void write(String value, DataOutputView out) throws IOException {
            if (this == STRING_VALUE) {
                StringValue.writeString(value, out);
                return;
            }
            if (value == null) {
                writeVarInt(0, out);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            writeVarInt(bytes.length + 1, out);
            out.write(bytes);
        }

        public String read(DataInputView in) throws IOException {
            if (this == STRING_VALUE) {
                return StringValue.readString(in);
            }
            int length = readVarInt(in) - 1;
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code value} as an unsigned varint, 7 bits a byte, low bits first (one byte below 128, five for a negative). */
    public static void writeVarInt(int value, DataOutputView out) throws IOException {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.writeByte((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    public static int readVarInt(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint longer than 5 bytes");
    }

    /** As {@link #writeVarInt}, for a long (ten bytes for a negative). */
    public static void writeVarLong(long value, DataOutputView out) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    public static long readVarLong(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varlong longer than 10 bytes");
    }

    public static void writeWeights(DecayedWeights weights, StringFormat format, DataOutputView out) throws IOException {
        if (present(weights, out)) {
            writeStrings(weights.keys, format, out);
            writeFloats(weights.weights, out);
            out.writeLong(weights.asOfTs);
        }
    }

    public static DecayedWeights readWeights(StringFormat format, DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        DecayedWeights weights = new DecayedWeights();
        weights.keys = readStrings(format, in);
        weights.weights = readFloats(in);
        weights.asOfTs = in.readLong();
        return weights;
    }

    public static DecayedWeights copy(DecayedWeights from) {
        if (from == null) {
            return null;
        }
        DecayedWeights copy = new DecayedWeights();
        copy.keys = from.keys == null ? null : from.keys.clone();
        copy.weights = from.weights == null ? null : from.weights.clone();
        copy.asOfTs = from.asOfTs;
        return copy;
    }

    public static void writeEmbedding(EmbeddingProfile embedding, DataOutputView out) throws IOException {
        if (present(embedding, out)) {
            writeFloats(embedding.sum, out);
            out.writeFloat(embedding.totalWeight);
            out.writeLong(embedding.asOfTs);
        }
    }

    public static EmbeddingProfile readEmbedding(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EmbeddingProfile embedding = new EmbeddingProfile();
        embedding.sum = readFloats(in);
        embedding.totalWeight = in.readFloat();
        embedding.asOfTs = in.readLong();
        return embedding;
    }

    public static EmbeddingProfile copy(EmbeddingProfile from) {
        if (from == null) {
            return null;
        }
        EmbeddingProfile copy = new EmbeddingProfile();
        copy.sum = from.sum == null ? null : from.sum.clone();
        copy.totalWeight = from.totalWeight;
        copy.asOfTs = from.asOfTs;
        return copy;
    }

    public static void writeRecent(RecentVideos recent, StringFormat format, DataOutputView out) throws IOException {
        if (present(recent, out)) {
            writeStrings(recent.ring, format, out);
            out.writeInt(recent.next);
        }
    }

    public static RecentVideos readRecent(StringFormat format, DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        RecentVideos recent = new RecentVideos();
        recent.ring = readStrings(format, in);
        recent.next = in.readInt();
        return recent;
    }

    public static RecentVideos copy(RecentVideos from) {
        if (from == null) {
            return null;
        }
        RecentVideos copy = new RecentVideos();
        copy.ring = from.ring == null ? null : from.ring.clone();
        copy.next = from.next;
        return copy;
    }

    public static void writeCounts(EngagementCounts counts, DataOutputView out) throws IOException {
        if (present(counts, out)) {
            out.writeInt(counts.impressions);
            out.writeInt(counts.plays);
            out.writeInt(counts.likes);
            out.writeInt(counts.comments);
            out.writeInt(counts.shares);
            out.writeInt(counts.follows);
            out.writeInt(counts.skips);
            out.writeLong(counts.watchMs);
            out.writeFloat(counts.completionSum);
            out.writeInt(counts.completionPlays);
        }
    }

    public static EngagementCounts readCounts(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        EngagementCounts counts = new EngagementCounts();
        counts.impressions = in.readInt();
        counts.plays = in.readInt();
        counts.likes = in.readInt();
        counts.comments = in.readInt();
        counts.shares = in.readInt();
        counts.follows = in.readInt();
        counts.skips = in.readInt();
        counts.watchMs = in.readLong();
        counts.completionSum = in.readFloat();
        counts.completionPlays = in.readInt();
        return counts;
    }

    /** Writes whether {@code value} is there and returns it, so the caller writes its fields. */
    public static boolean present(Object value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        return value != null;
    }

    private static void writeStrings(String[] values, StringFormat format, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (String value : values) {
                format.write(value, out);
            }
        }
    }

    private static String[] readStrings(StringFormat format, DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = format.read(in);
        }
        return values;
    }

    private static void writeFloats(float[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (float value : values) {
                out.writeFloat(value);
            }
        }
    }

    private static float[] readFloats(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
