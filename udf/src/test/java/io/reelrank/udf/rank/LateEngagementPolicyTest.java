package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RecordOrigin;
import org.junit.jupiter.api.Test;

class LateEngagementPolicyTest {

    private static final long LATENESS = 600_000L;
    private final LateEngagementPolicy policy = new LateEngagementPolicy(LATENESS);

    private static Engagement at(long ts) {
        return new Engagement("e1", "u1", "v1", Action.PLAY, 1_000L, ts);
    }

    @Test
    void lateOnlyBeyondTheAllowedLateness() {
        long watermark = 10_000_000L;
        assertThat(policy.isLate(at(watermark - LATENESS), watermark)).isFalse();
        assertThat(policy.isLate(at(watermark - LATENESS - 1), watermark)).isTrue();
    }

    @Test
    void nothingIsLateBeforeTheFirstWatermark() {
        assertThat(policy.isLate(at(Long.MIN_VALUE + 1), Long.MIN_VALUE)).isFalse();
        assertThat(policy.isLate(at(0), Long.MIN_VALUE)).isFalse();
    }

    @Test
    void deadLetterCarriesTheEngagementAndSaysWhy() {
        DeadLetter letter = policy.deadLetter(at(5L), null, 10_000_000L);
        assertThat(letter.source()).isEqualTo(Topics.ENGAGEMENTS);
        assertThat(letter.reason()).isEqualTo(
                "late event: ts 5 is more than the allowed lateness of 600000 ms behind the watermark 10000000");
        assertThat(letter.raw()).contains("\"event_id\":\"e1\"");
    }

    @Test
    void deadLetterPointsAtTheRecordTheEngagementWasReadFrom() {
        DeadLetter letter = policy.deadLetter(at(5L), new RecordOrigin("engagements-eu", 3, 41_207L), 10_000_000L);
        assertThat(letter.source()).isEqualTo("engagements-eu");
        assertThat(letter.partition()).isEqualTo(3);
        assertThat(letter.offset()).isEqualTo(41_207L);
    }

    @Test
    void withoutAnOriginTheDeadLetterSaysItIsUnknown() {
        DeadLetter letter = policy.deadLetter(at(5L), null, 10_000_000L);
        assertThat(letter.partition()).isEqualTo(-1);
        assertThat(letter.offset()).isEqualTo(-1L);
    }
}
