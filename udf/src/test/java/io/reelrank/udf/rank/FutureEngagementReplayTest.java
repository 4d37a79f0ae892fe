package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.MIN;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static io.reelrank.udf.rank.RankingHarness.feature;
import static io.reelrank.udf.rank.RankingHarness.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.ingest.ParseFunction;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The reported 2099 case, operator by operator: engagements parsed as the job parses them, the
 * watermark advanced as its bounded-out-of-orderness generator would, then the ranker. With the
 * future bound the 2099 engagement is dead-lettered on arrival and later engagements still
 * update the user; without it the watermark leaps to 2099 and they are dead-lettered as late,
 * each late dead letter still pointing at its topic, partition and offset.
 */
class FutureEngagementReplayTest {

    private static final long NOW = T0 + 24 * HOUR;
    private static final long YEAR_2099 = 4_102_444_796_999L;
    private static final long OUT_OF_ORDERNESS = 2_000L;

    private static final List<RawRecord> ENGAGEMENTS = List.of(
            play("e-1", 10L, T0 + MIN),
            play("e-2099", 11L, YEAR_2099),
            play("e-2", 12L, T0 + 2 * MIN),
            play("e-3", 13L, T0 + 3 * MIN));

    @Test
    void aFutureEngagementIsDeadLetteredOnArrivalAndLaterOnesStillUpdateTheUser() throws Exception {
        try (var parse = parser(ParseFunction.engagements().withMaxFutureSkew(Duration.ofHours(1)));
             RankingHarness ranker = new RankingHarness(RankingSettings.defaults())) {
            replay(parse, ranker);

            assertThat(deadLetters(parse)).singleElement().satisfies(letter -> {
                assertThat(letter.offset()).isEqualTo(11L);
                assertThat(letter.partition()).isEqualTo(3);
                assertThat(letter.reason()).startsWith("ts " + YEAR_2099 + " is ").contains("ahead of the wall clock");
            });
            assertThat(ranker.deadLetters()).isEmpty();
            ScoringTask task = ranker.only();
            assertThat(task.trigger()).isEqualTo(Trigger.REQUEST);
            assertThat(feature(task, 0, "user_plays_1h")).as("e-1, e-2 and e-3 count").isEqualTo((float) Math.log1p(3));
            assertThat(ranker.counter("lateEvents")).isZero();
        }
    }

    @Test
    void withoutTheBoundTheWatermarkLeapsAndLaterEngagementsAreLateWithTheirOrigin() throws Exception {
        try (var parse = parser(ParseFunction.engagements());
             RankingHarness ranker = new RankingHarness(RankingSettings.defaults())) {
            replay(parse, ranker);

            assertThat(deadLetters(parse)).isEmpty();
            assertThat(ranker.deadLetters()).extracting(DeadLetter::source, DeadLetter::partition, DeadLetter::offset)
                    .containsExactly(
                            tuple("engagements", 3, 12L),
                            tuple("engagements", 3, 13L));
            assertThat(ranker.deadLetters()).allSatisfy(letter -> assertThat(letter.reason()).startsWith("late event"));
            assertThat(ranker.counter("lateEvents")).isEqualTo(2);
        }
    }

    /** Parses every engagement, hands each parsed one to the ranker and moves the watermark after it; then one request. */
    private static void replay(OneInputStreamOperatorTestHarness<RawRecord, UserInput> parse, RankingHarness ranker)
            throws Exception {
        ranker.catalog(video("v-food", "c1", List.of("food"), 10_000, T0 - HOUR),
                video("v-cand", "c2", List.of("food"), 20_000, T0 - HOUR));
        long maxTs = Long.MIN_VALUE;
        int handed = 0;
        for (RawRecord raw : ENGAGEMENTS) {
            parse.processElement(raw, NOW);
            List<UserInput> parsed = parse.extractOutputValues();
            for (UserInput input : parsed.subList(handed, parsed.size())) {
                ranker.harness.processElement(input, input.ts());
                maxTs = Math.max(maxTs, input.ts());
                ranker.watermark(maxTs - OUT_OF_ORDERNESS - 1);
            }
            handed = parsed.size();
        }
        ranker.request("r-after", "u1", T0 + 4 * MIN, "v-cand");
    }

    /** The engagements' parse step as the job has it: each parsed engagement a ranker input with its origin. */
    private static OneInputStreamOperatorTestHarness<RawRecord, UserInput> parser(ParseFunction<Engagement> engagements)
            throws Exception {
        OneInputStreamOperatorTestHarness<RawRecord, UserInput> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(engagements.withOrigin(UserInput.class, UserInput::of));
        harness.setProcessingTime(NOW);
        return harness;
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawRecord, UserInput> parse) {
        var side = parse.getSideOutput(DeadLetters.TAG);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static RawRecord play(String eventId, long offset, long ts) {
        String json = "{\"event_id\":\"" + eventId + "\",\"user_id\":\"u1\",\"video_id\":\"v-food\",\"action\":\"play\","
                + "\"watch_ms\":5000,\"ts\":" + ts + "}";
        return new RawRecord("engagements", 3, offset, ts, json.getBytes(StandardCharsets.UTF_8));
    }
}
