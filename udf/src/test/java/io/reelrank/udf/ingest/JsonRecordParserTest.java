package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.ParserAssertions.assertRejected;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks all three topics share: encoding, size and JSON shape come before any field. */
class JsonRecordParserTest {

    static Stream<RecordParser<?>> parsers() {
        return Stream.of(new EngagementParser(), new VideoParser(), new RankRequestParser());
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsEmptyRecords(RecordParser<?> parser) {
        assertRejected(parser, null, "record is empty");
        assertRejected(parser, new byte[0], "record is empty");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsInvalidUtf8AtTheFirstBadByte(RecordParser<?> parser) {
        byte[] prefix = json("{'user_id':'");
        assertRejected(parser, concat(prefix, new byte[] {(byte) 0xC3, 0x28}), "invalid UTF-8 at byte 12");
        assertRejected(parser, concat(prefix, new byte[] {(byte) 0xFF}), "invalid UTF-8 at byte 12");
        // Overlong encoding of '/', an encoded UTF-16 surrogate, and a sequence cut off at the end.
        assertRejected(parser, concat(prefix, new byte[] {(byte) 0xC0, (byte) 0xAF}), "invalid UTF-8 at byte 12");
        assertRejected(parser, concat(prefix, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "invalid UTF-8 at byte 12");
        assertRejected(parser, concat(prefix, new byte[] {(byte) 0xE2, (byte) 0x82}), "invalid UTF-8 at byte 12");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsOversizedRecordsBeforeReadingThem(RecordParser<?> parser) {
        byte[] big = json("{'user_id':'" + "u".repeat(70000 - 15) + "'}");
        assertThat(big).hasSize(70000 - 1);
        assertRejected(parser, big, "record is 69999 bytes, larger than 65536");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsWhatIsNotOneJsonObject(RecordParser<?> parser) {
        assertRejected(parser, json("[1,2]"), "not a JSON object");
        assertRejected(parser, json("'text'"), "not a JSON object");
        assertRejected(parser, json("42"), "not a JSON object");
        assertRejected(parser, json("null"), "not a JSON object");
        assertRejected(parser, json("   "), "not a JSON object");
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void rejectsMalformedJsonWithItsPosition(RecordParser<?> parser) {
        assertThat(parser.parse(json("{'user_id':'u42',")).reason()).startsWith("malformed JSON at line 1, column 18: ");
        assertThat(parser.parse(json("{user_id:1}")).reason()).startsWith("malformed JSON at line 1, column 2: Unexpected character");
        assertThat(parser.parse(json("{'a':1} {'a':2}")).reason()).startsWith("malformed JSON").contains("Trailing token");
        assertThat(parser.parse(json("{'a':1,'a':2}")).reason()).startsWith("malformed JSON").contains("Duplicate field 'a'");
        assertThat(parser.parse(json("{'a':NaN}")).reason()).startsWith("malformed JSON");
        assertThat(parser.parse(json("{'a':" + "[".repeat(40) + "]".repeat(40) + "}")).reason())
                .startsWith("malformed JSON")
                .contains("nesting depth");
        assertThat(parser.parse(json("{'ts':1" + "0".repeat(40) + "}")).reason())
                .startsWith("malformed JSON")
                .contains("Number value length");
    }

    @Test
    void reasonsStayShortWhateverTheInput() {
        String reason = new EngagementParser().parse(json("{'" + "k".repeat(5000) + "'}")).reason();
        assertThat(reason).startsWith("malformed JSON").hasSizeLessThanOrEqualTo(303);
    }

    @Test
    void aByteOrderMarkIsNotAnError() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] record =
                "{\"request_id\":\"r\",\"user_id\":\"u\",\"candidates\":[\"v\"],\"ts\":1767225601000}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(new RankRequestParser().parse(concat(bom, record)).isOk()).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
