package io.reelrank.udf.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The encodings the hand-written state layouts are built from: presence flags, varints, strings
 * in either {@link StringFormat}, and string and float arrays. Any reference may be null, as it
 * may in a POJO: an object is preceded by a presence byte, an array by its length or -1.
 */
public final class StateCodec {

    private StateCodec() {}

    /** How a layout's strings are written. */
    public enum StringFormat {
        /**
         * {@link StringValue#writeString}: a variable-length code per char, written byte by byte.
         * The older user-profile state used it, and must stay readable for migration.
         */
        STRING_VALUE,
        /**
         * Length + 1 (0 for null) as a varint, then the UTF-8 bytes in one write: ids and tags are
         * ASCII, for which encoding and decoding is an array copy rather than a loop over chars.
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

    /** Writes whether {@code value} is there and returns it, so the caller writes its fields. */
    public static boolean present(Object value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        return value != null;
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

    /** The length as an int (-1 for null), then each string in {@code format}. */
    static void writeStrings(String[] values, StringFormat format, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (String value : values) {
                format.write(value, out);
            }
        }
    }

    static String[] readStrings(StringFormat format, DataInputView in) throws IOException {
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

    /** The length as an int (-1 for null), then each float. */
    static void writeFloats(float[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (float value : values) {
                out.writeFloat(value);
            }
        }
    }

    static float[] readFloats(DataInputView in) throws IOException {
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
