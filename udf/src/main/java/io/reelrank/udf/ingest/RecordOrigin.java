package io.reelrank.udf.ingest;

/**
 * Where an input record came from: its topic (or other source), partition and offset, -1 for
 * inputs that are not Kafka records. It travels with a parsed record that an operator further
 * down may still dead-letter, so that dead letter points back at the record as a parse
 * failure's does.
 */
public record RecordOrigin(String source, int partition, long offset) {

    public static RecordOrigin of(RawRecord raw) {
        return new RecordOrigin(raw.source(), raw.partition(), raw.offset());
    }
}
