package io.reelrank.udf.contract;

/**
 * A record ReelRank could not process (topic {@code dead-letters}). {@code raw} is the input as
 * UTF-8 text, or its Base64 form when the bytes are not valid UTF-8 ({@code rawEncoding} says
 * which). {@code partition} and {@code offset} are -1 for inputs that are not Kafka records.
 */
public record DeadLetter(
        String source, int partition, long offset, String reason, String raw, String rawEncoding, long ts) {

    public static final String UTF8 = "utf8";
    public static final String BASE64 = "base64";
}
