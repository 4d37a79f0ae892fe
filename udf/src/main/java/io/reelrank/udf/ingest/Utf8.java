package io.reelrank.udf.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding: malformed input is reported with its position, never replaced. */
final class Utf8 {

    private Utf8() {}

    /** The decoded text, or a {@link RejectedRecord} naming the first bad byte. */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new RejectedRecord("invalid UTF-8 at byte " + in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new RejectedRecord("invalid UTF-8 at byte " + in.position());
        }
        return out.flip().toString();
    }

    /** Throws a {@link RejectedRecord} naming the first bad byte, if there is one. */
    static void requireValid(byte[] bytes) {
        // Nearly every record is ASCII, which is valid UTF-8: no need to decode it into a copy.
        for (byte b : bytes) {
            if (b < 0) {
                decode(bytes);
                return;
            }
        }
    }

    static Optional<String> tryDecode(byte[] bytes) {
        try {
            return Optional.of(decode(bytes));
        } catch (RejectedRecord e) {
            return Optional.empty();
        }
    }
}
