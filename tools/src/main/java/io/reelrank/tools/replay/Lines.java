package io.reelrank.tools.replay;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A file's lines as bytes: a line that is not valid UTF-8 must reach Kafka exactly as it was
 * (for the job to dead-letter it as such), which a text reader would refuse or repair.
 */
final class Lines {
    private Lines() {}

    /** Lines split at '\n', a trailing '\r' removed. */
    static List<byte[]> split(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || end > start) {
                    lines.add(Arrays.copyOfRange(bytes, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    static Optional<String> utf8(byte[] line) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
