package io.reelrank.udf.ingest;

/**
 * An input record before parsing: the bytes as they arrived plus where they came from, so that
 * a dead letter can point back at its origin. {@code partition} and {@code offset} are -1 when
 * the input is not a Kafka record (generator, file replay); {@code timestamp} is the source's
 * record timestamp in epoch milliseconds, or -1 when it has none.
 */
public record RawRecord(String source, int partition, long offset, long timestamp, byte[] value) {

    public static RawRecord of(String source, long sequence, byte[] value) {
        return new RawRecord(source, -1, sequence, -1L, value);
    }
}
