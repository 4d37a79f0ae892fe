package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * Event times too far ahead of the wall clock are dead-lettered by the parse step, with the
 * record's topic, partition and offset, before any watermark is assigned; and a parsed record
 * can travel on with its origin.
 */
class FutureTimestampsTest {

    /** The wall clock of the harness: 2026-01-02T00:00Z. */
    private static final long NOW = 1_767_312_000_000L;
    private static final long HOUR = 3_600_000L;
    /** 2099-12-31T23:59:56.999Z, the engagement the user reported. */
    private static final long YEAR_2099 = 4_102_444_796_999L;

    private static String engagement(long ts) {
        return "{\"event_id\":\"e-1\",\"user_id\":\"u42\",\"video_id\":\"v7\",\"action\":\"like\",\"ts\":" + ts + "}";
    }

    @Test
    void anEngagementFromTheFarFutureIsDeadLetteredWithItsOriginAndReason() throws Exception {
        try (var harness = harness(ParseFunction.engagements().withMaxFutureSkew(Duration.ofHours(1)))) {
            harness.processElement(new RawRecord("engagements", 4, 77L, NOW, utf8(engagement(YEAR_2099))), NOW);

            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(deadLetters(harness)).containsExactly(new DeadLetter("engagements", 4, 77L,
                    "ts 4102444796999 is " + (YEAR_2099 - NOW) + " ms ahead of the wall clock " + NOW
                            + ", more than the max future skew of 3600000 ms",
                    engagement(YEAR_2099), DeadLetter.UTF8, NOW));
        }
    }

    @Test
    void theBoundIsInclusiveAndThePastIsNeverTooFarAhead() throws Exception {
        try (var harness = harness(ParseFunction.engagements().withMaxFutureSkew(Duration.ofHours(1)))) {
            long replayOf2001 = 978_307_200_000L;
            for (long ts : new long[] {NOW + HOUR, NOW + HOUR + 1, replayOf2001, NOW - 30 * 24 * HOUR}) {
                harness.processElement(RawRecord.of("engagements", 0, utf8(engagement(ts))), NOW);
            }

            assertThat(harness.extractOutputValues()).extracting(Engagement::ts)
                    .containsExactly(NOW + HOUR, replayOf2001, NOW - 30 * 24 * HOUR);
            assertThat(deadLetters(harness)).extracting(DeadLetter::reason)
                    .singleElement().asString().startsWith("ts " + (NOW + HOUR + 1) + " is " + (HOUR + 1) + " ms ahead");
        }
    }

    @Test
    void videosAndRequestsAreHeldToTheBoundByTheirOwnEventTime() throws Exception {
        try (var videos = harness(ParseFunction.videos().withMaxFutureSkew(Duration.ofMinutes(5)));
             var requests = harness(ParseFunction.rankRequests().withMaxFutureSkew(Duration.ofMinutes(5)))) {
            videos.processElement(RawRecord.of("videos", 0, utf8("{\"video_id\":\"v7\",\"creator_id\":\"c1\","
                    + "\"duration_ms\":1000,\"published_ts\":" + YEAR_2099 + "}")), NOW);
            requests.processElement(RawRecord.of("rank-requests", 0, utf8("{\"request_id\":\"r-1\",\"user_id\":\"u1\","
                    + "\"candidates\":[\"v7\"],\"ts\":" + YEAR_2099 + "}")), NOW);

            assertThat(videos.extractOutputValues()).isEmpty();
            assertThat(requests.extractOutputValues()).isEmpty();
            assertThat(deadLetters(videos)).extracting(DeadLetter::reason)
                    .singleElement().asString().startsWith("published_ts " + YEAR_2099 + " is ");
            assertThat(deadLetters(requests)).extracting(DeadLetter::reason)
                    .singleElement().asString().endsWith("more than the max future skew of 300000 ms");
        }
    }

    @Test
    void withoutABoundEveryTimestampInTheContractRangeIsAccepted() throws Exception {
        try (var harness = harness(ParseFunction.engagements())) {
            harness.processElement(RawRecord.of("engagements", 0, utf8(engagement(YEAR_2099))), NOW);

            assertThat(harness.extractOutputValues()).extracting(Engagement::ts).containsExactly(YEAR_2099);
        }
    }

    @Test
    void aParsedRecordTravelsOnWithWhereItCameFrom() throws Exception {
        ParseFunction<String> traced = InstantiationUtil.clone(ParseFunction.engagements()
                .withOrigin(String.class, (e, origin) -> e.eventId() + "@" + origin)
                .withMaxFutureSkew(Duration.ofHours(1)));
        try (var harness = harness(traced)) {
            harness.processElement(new RawRecord("engagements", 2, 1234L, NOW, utf8(engagement(NOW))), NOW);
            harness.processElement(new RawRecord("engagements", 2, 1235L, NOW, utf8(engagement(YEAR_2099))), NOW);

            assertThat(traced.getProducedType().getTypeClass()).isEqualTo(String.class);
            assertThat(harness.extractOutputValues())
                    .containsExactly("e-1@" + new RecordOrigin("engagements", 2, 1234L));
            assertThat(deadLetters(harness)).extracting(DeadLetter::offset).containsExactly(1235L);
        }
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ParseFunction.engagements().withMaxFutureSkew(Duration.ofMillis(-1)))
                .withMessageContaining("max future skew must be >= 0");
    }

    private static <T> OneInputStreamOperatorTestHarness<RawRecord, T> harness(ParseFunction<T> function)
            throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, T> harness = ProcessFunctionTestHarnesses.forProcessFunction(function);
        harness.setProcessingTime(NOW);
        return harness;
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, ?> harness) {
        var side = harness.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
