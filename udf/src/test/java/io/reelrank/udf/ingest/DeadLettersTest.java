package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void keepsUtf8InputAsTextAndPointsBackAtItsOrigin() {
        RawRecord raw = new RawRecord("engagements", 3, 1234L, 1767225600000L, utf8("{\"watch_ms\":-1} é"));
        DeadLetter letter = DeadLetters.of(raw, "watch_ms must be >= 0", 99L);
        assertThat(letter)
                .isEqualTo(new DeadLetter("engagements", 3, 1234L, "watch_ms must be >= 0",
                        "{\"watch_ms\":-1} é", DeadLetter.UTF8, 1767225600000L));
    }

    @Test
    void keepsOtherBytesAsBase64() {
        byte[] bytes = {'{', (byte) 0xFF, 0, (byte) 0xC3};
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 7, bytes), "invalid UTF-8 at byte 1", 99L);
        assertThat(letter.rawEncoding()).isEqualTo(DeadLetter.BASE64);
        assertThat(Base64.getDecoder().decode(letter.raw())).isEqualTo(bytes);
        assertThat(letter.partition()).isEqualTo(-1);
        assertThat(letter.offset()).isEqualTo(7L);
    }

    @Test
    void usesTheCallersClockWhenTheRecordHasNoTimestamp() {
        assertThat(DeadLetters.of(RawRecord.of("videos", 0, utf8("x")), "not a JSON object", 99L).ts()).isEqualTo(99L);
        assertThat(DeadLetters.of(new RawRecord("videos", 0, 0L, 0L, utf8("x")), "r", 99L).ts()).isZero();
    }

    @Test
    void aMissingValueBecomesEmptyText() {
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 0, null), "record is empty", 1L);
        assertThat(letter.raw()).isEmpty();
        assertThat(letter.rawEncoding()).isEqualTo(DeadLetter.UTF8);
    }

    @Test
    void cutsLongTextAndSaysSo() {
        String text = "a".repeat(70_000);
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 0, utf8(text)), "record is 70000 bytes, larger than 65536", 1L);
        assertThat(letter.raw()).hasSize(InputLimits.MAX_DEAD_LETTER_RAW_CHARS).isEqualTo(text.substring(0, 65536));
        assertThat(letter.reason()).isEqualTo("record is 70000 bytes, larger than 65536 (truncated)");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String text = "a".repeat(InputLimits.MAX_DEAD_LETTER_RAW_CHARS - 1) + "\uD83C\uDFAC" + "b";
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 0, utf8(text)), "r", 1L);
        assertThat(letter.raw()).isEqualTo("a".repeat(InputLimits.MAX_DEAD_LETTER_RAW_CHARS - 1));
        assertThat(letter.reason()).endsWith(DeadLetters.TRUNCATED);
    }

    @Test
    void cutsLongBinaryOnWholeBase64Groups() {
        byte[] bytes = new byte[100_000];
        Arrays.fill(bytes, (byte) 0xFF);
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 0, bytes), "invalid UTF-8 at byte 0", 1L);
        assertThat(letter.raw()).hasSize(InputLimits.MAX_DEAD_LETTER_RAW_CHARS);
        assertThat(Base64.getDecoder().decode(letter.raw())).isEqualTo(Arrays.copyOf(bytes, 49_152));
        assertThat(letter.reason()).isEqualTo("invalid UTF-8 at byte 0" + DeadLetters.TRUNCATED);
    }

    @Test
    void inputAtTheLimitIsKeptWhole() {
        String text = "a".repeat(InputLimits.MAX_DEAD_LETTER_RAW_CHARS);
        DeadLetter letter = DeadLetters.of(RawRecord.of("videos", 0, utf8(text)), "r", 1L);
        assertThat(letter.raw()).isEqualTo(text);
        assertThat(letter.reason()).isEqualTo("r");
    }

    @Test
    void theSideOutputIsNamedDeadLetters() {
        assertThat(DeadLetters.TAG.getId()).isEqualTo("dead-letters");
        assertThat(DeadLetters.TAG.getTypeInfo().getTypeClass()).isEqualTo(DeadLetter.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
