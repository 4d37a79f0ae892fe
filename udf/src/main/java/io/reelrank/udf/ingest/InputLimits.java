package io.reelrank.udf.ingest;

import io.reelrank.udf.contract.Json;

/**
 * Every bound the parsers enforce, in one place. The limits keep a single bad producer from
 * blowing up per-user state or the scorer's batches; a record outside them is dead-lettered with
 * a reason that names the limit.
 */
public final class InputLimits {

    /** Largest record accepted on any topic, in bytes. */
    public static final int MAX_RECORD_BYTES = Json.MAX_RECORD_BYTES;

    /** Longest event, user, video, creator or request id, in characters (code points). */
    public static final int MAX_ID_CHARS = 128;

    public static final int MAX_TAGS = 64;
    public static final int MAX_TAG_CHARS = 64;

    public static final int MAX_CANDIDATES = 1000;
    public static final int MAX_EMBEDDING_VALUES = 1024;

    /** Bounds of a rank request's optional {@code n}; an absent n means the job default. */
    public static final int MIN_N = 1;
    public static final int MAX_N = 100;

    /** Event times must lie in [2000-01-01, 2100-01-01) UTC, in epoch milliseconds. */
    public static final long MIN_TIMESTAMP_MS = 946_684_800_000L;
    public static final long MAX_TIMESTAMP_MS = 4_102_444_800_000L;
    public static final String TIMESTAMP_RANGE = "2000-01-01..2100-01-01";

    /** Longest raw text a dead letter carries; longer input is cut so the dead letter stays small. */
    public static final int MAX_DEAD_LETTER_RAW_CHARS = 64 * 1024;

    private InputLimits() {}
}
