package io.reelrank.udf.rank;

import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.ingest.RecordOrigin;

/**
 * The ranker's late rule: an engagement that arrives older than the watermark minus the allowed
 * lateness is not applied but dead-lettered. Engagements within the allowed lateness are applied
 * to every window whose bucket is still alive. Lateness is judged on arrival in both modes: an
 * event-time-aligned input waits for the watermark, which may have leapt far past it by then
 * without the input having been late.
 */
final class LateEngagementPolicy {
    private static final RecordOrigin UNKNOWN = new RecordOrigin(Topics.ENGAGEMENTS, -1, -1L);

    private final long allowedLatenessMs;

    LateEngagementPolicy(long allowedLatenessMs) {
        this.allowedLatenessMs = allowedLatenessMs;
    }

    /** Whether {@code engagement} is beyond the allowed lateness at {@code watermark}. */
    boolean isLate(Engagement engagement, long watermark) {
        // Added to ts, not subtracted from the watermark: before the first watermark it is
        // Long.MIN_VALUE, and the subtraction would overflow and make every engagement late.
        return engagement.ts() + allowedLatenessMs < watermark;
    }

    /**
     * The dead letter that records a late {@code engagement} and why it was not applied, pointing
     * at the record it was read from ({@code origin}; null when unknown).
     */
    DeadLetter deadLetter(Engagement engagement, RecordOrigin origin, long watermark) {
        RecordOrigin from = origin == null ? UNKNOWN : origin;
        RawRecord raw = new RawRecord(from.source(), from.partition(), from.offset(), -1L, Json.toBytes(engagement));
        return DeadLetters.of(raw, "late event: ts " + engagement.ts()
                + " is more than the allowed lateness of " + allowedLatenessMs
                + " ms behind the watermark " + watermark, System.currentTimeMillis());
    }
}
