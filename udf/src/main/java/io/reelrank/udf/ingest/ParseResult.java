package io.reelrank.udf.ingest;

import java.util.Objects;

/** The outcome of parsing one record: either the value or the reason it was rejected. */
public record ParseResult<T>(T value, String reason) {

    public ParseResult {
        if ((value == null) == (reason == null)) {
            throw new IllegalArgumentException("a parse result has exactly one of value and reason");
        }
    }

    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> ParseResult<T> rejected(String reason) {
        return new ParseResult<>(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isOk() {
        return value != null;
    }
}
