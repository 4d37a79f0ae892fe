package io.reelrank.udf.ingest;

import java.io.Serializable;

/**
 * Turns the bytes of one input record into a contract record. Implementations never throw: any
 * problem, expected or not, comes back as a rejection with a reason a person can act on.
 * Serializable because Flink ships the parser inside its function to every task.
 */
public interface RecordParser<T> extends Serializable {

    ParseResult<T> parse(byte[] bytes);

    /** The record's event time in epoch milliseconds: what its stream's watermark follows. */
    long eventTime(T record);

    /** The field {@link #eventTime} reads, as a dead letter's reason names it. */
    String eventTimeField();

    /** The contract record this parser produces; Flink derives the stream's type from it. */
    Class<T> recordType();
}
