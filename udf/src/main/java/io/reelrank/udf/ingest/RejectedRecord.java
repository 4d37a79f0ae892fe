package io.reelrank.udf.ingest;

/**
 * Thrown inside a parser to abandon a record with a reason; {@link JsonRecordParser} turns it
 * into a rejection. Without a stack trace: bad input is routine, not a bug to debug.
 */
final class RejectedRecord extends RuntimeException {

    RejectedRecord(String reason) {
        super(reason, null, false, false);
    }
}
