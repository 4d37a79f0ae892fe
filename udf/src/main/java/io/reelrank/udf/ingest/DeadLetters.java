package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.InputLimits.MAX_DEAD_LETTER_RAW_CHARS;


import io.reelrank.udf.contract.DeadLetter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The side output every parse function writes rejected records to, and how a rejected record
 * becomes a {@link DeadLetter}. The raw input always travels with the reason so the record can
 * be repaired and replayed; only input longer than {@link InputLimits#MAX_DEAD_LETTER_RAW_CHARS}
 * is cut, and then the reason ends in {@link #TRUNCATED}.
 */
public final class DeadLetters {

    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Appended to the reason when {@code raw} holds only the start of the input. */
    public static final String TRUNCATED = " (truncated)";

    /** Base64 turns 3 bytes into 4 characters; whole groups keep a cut prefix decodable. */
    private static final int MAX_BASE64_BYTES = MAX_DEAD_LETTER_RAW_CHARS / 4 * 3;

    private DeadLetters() {}

    /**
     * The dead letter for {@code raw}, stamped with the record's own timestamp, or with {@code
     * nowMillis} when the source gave it none.
     */
    public static DeadLetter of(RawRecord raw, String reason, long nowMillis) {
        byte[] bytes = raw.value() == null ? new byte[0] : raw.value();
        long ts = raw.timestamp() >= 0 ? raw.timestamp() : nowMillis;
        Optional<String> text = Utf8.tryDecode(bytes);
        String rawText;
        String encoding;
        boolean truncated;
        if (text.isPresent()) {
            rawText = cut(text.get());
            encoding = DeadLetter.UTF8;
            truncated = rawText.length() < text.get().length();
        } else {
            truncated = bytes.length > MAX_BASE64_BYTES;
            rawText =
                    Base64.getEncoder()
                            .encodeToString(truncated ? Arrays.copyOf(bytes, MAX_BASE64_BYTES) : bytes);
            encoding = DeadLetter.BASE64;
        }
        return new DeadLetter(
                raw.source(),
                raw.partition(),
                raw.offset(),
                truncated ? reason + TRUNCATED : reason,
                rawText,
                encoding,
                ts);
    }

    /**
     * {@code letter} with its raw text cut to {@code maxChars} (Base64 to whole 4-character groups,
     * so the prefix stays decodable), its reason marked {@link #TRUNCATED}; unchanged when it fits.
     */
    public static DeadLetter cut(DeadLetter letter, int maxChars) {
        String raw = letter.raw();
        if (raw == null || raw.length() <= maxChars) {
            return letter;
        }
        String kept = DeadLetter.BASE64.equals(letter.rawEncoding()) ? raw.substring(0, maxChars / 4 * 4)
                : cut(raw, maxChars);
        String reason = letter.reason().endsWith(TRUNCATED) ? letter.reason() : letter.reason() + TRUNCATED;
        return new DeadLetter(letter.source(), letter.partition(), letter.offset(), reason, kept,
                letter.rawEncoding(), letter.ts());
    }

    private static String cut(String text) {
        return cut(text, MAX_DEAD_LETTER_RAW_CHARS);
    }

    /** Cuts to {@code maxChars} without splitting a surrogate pair, so the text stays valid UTF-16. */
    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
