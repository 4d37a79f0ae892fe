package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.charset.StandardCharsets;

/** Shared helpers for the parser tests; JSON is written with ' for " to stay readable. */
final class ParserAssertions {

    private ParserAssertions() {}

    static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static <T> T assertParsed(RecordParser<T> parser, byte[] bytes) {
        ParseResult<T> result = parser.parse(bytes);
        assertThat(result.reason()).as("rejection reason").isNull();
        return result.value();
    }

    static void assertRejected(RecordParser<?> parser, byte[] bytes, String reason) {
        ParseResult<?> result = parser.parse(bytes);
        assertThat(result.isOk()).as("parsed %s", result.value()).isFalse();
        assertThat(result.reason()).isEqualTo(reason);
    }
}
