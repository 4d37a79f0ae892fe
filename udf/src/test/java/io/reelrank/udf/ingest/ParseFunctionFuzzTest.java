package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;


import io.reelrank.udf.contract.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Thousands of good and mutated records per topic through the real parse function: each comes
 * out exactly once, good ones parsed unchanged, broken ones dead-lettered with a reason and
 * their raw bytes, and nothing that parses breaks a contract limit. Seeded, so a failure replays.
 */
class ParseFunctionFuzzTest {

    private static final long SEED = 0x5EE1_2A4BL;
    private static final int RECORDS_PER_TOPIC = 2000;

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of("engagements", FuzzTopic.ENGAGEMENTS),
                Arguments.of("videos", FuzzTopic.VIDEOS),
                Arguments.of("rank-requests", FuzzTopic.RANK_REQUESTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    <T> void everyRecordIsParsedOrDeadLetteredNeverLost(String source, FuzzTopic<T> topic) throws Exception {
        Random random = new Random(SEED ^ source.hashCode());
        Map<Mutation, Integer> runs = new EnumMap<>(Mutation.class);
        int parsed = 0;
        int deadLettered = 0;
        try (OneInputStreamOperatorTestHarness<RawRecord, T> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(topic.parseFunction())) {
            for (int i = 0; i < RECORDS_PER_TOPIC; i++) {
                T record = topic.goodRecord(random);
                Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
                byte[] input = mutation.apply(topic, record, random);
                RawRecord raw = new RawRecord(source, i % 4, i, 1767225600000L + i, input.clone());
                Supplier<String> context =
                        () -> "offset " + raw.offset() + " (" + mutation + "): "
                                + Base64.getEncoder().encodeToString(input);
                runs.merge(mutation, 1, Integer::sum);

                try {
                    harness.processElement(raw, raw.timestamp());
                } catch (Exception e) {
                    fail("exception escaped the parse function for " + context.get(), e);
                }
                if (checkTheOneOutput(harness, topic, record, mutation, raw, context)) {
                    parsed++;
                } else {
                    deadLettered++;
                }
                assertThat(raw.value()).as("the function must not change its input").isEqualTo(input);
            }
        }

        assertThat(parsed + deadLettered).isEqualTo(RECORDS_PER_TOPIC);
        // The mix must really exercise every mutation and both outcomes, or the test proves little.
        assertThat(runs).containsOnlyKeys(Mutation.values());
        assertThat(runs.values()).allSatisfy(count -> assertThat(count).isGreaterThan(50));
        assertThat(parsed).isGreaterThan(RECORDS_PER_TOPIC / 6);
        assertThat(deadLettered).isGreaterThan(RECORDS_PER_TOPIC / 2);
    }

    /** Asserts that the record came out exactly once, as its mutation demands; true if parsed. */
    private static <T> boolean checkTheOneOutput(
            OneInputStreamOperatorTestHarness<RawRecord, T> harness,
            FuzzTopic<T> topic,
            T record,
            Mutation mutation,
            RawRecord raw,
            Supplier<String> context) {
        Queue<StreamRecord<DeadLetter>> letters = harness.getSideOutput(DeadLetters.TAG);
        List<T> values = harness.extractOutputValues();
        int letterCount = letters == null ? 0 : letters.size();
        assertThat(values.size() + letterCount).as(context).isEqualTo(1);
        harness.getOutput().clear();
        if (letterCount == 0) {
            T value = values.get(0);
            assertThat(mutation.outcome).as(() -> "parsed " + value + " from " + context.get())
                    .isNotEqualTo(Mutation.Outcome.REJECTED);
            if (mutation.outcome == Mutation.Outcome.PARSED) {
                assertThat(value).as(context).isEqualTo(record);
            }
            topic.assertValid(value);
            return true;
        }
        DeadLetter letter = letters.poll().getValue();
        assertThat(mutation.outcome).as(() -> "dead letter '" + letter.reason() + "' from " + context.get())
                .isNotEqualTo(Mutation.Outcome.PARSED);
        assertRecoverable(letter, raw, context);
        return false;
    }

    private static void assertRecoverable(DeadLetter letter, RawRecord raw, Supplier<String> context) {
        assertThat(letter.reason()).as(context).isNotBlank();
        assertThat(letter.source()).isEqualTo(raw.source());
        assertThat(letter.partition()).isEqualTo(raw.partition());
        assertThat(letter.offset()).isEqualTo(raw.offset());
        assertThat(letter.ts()).isEqualTo(raw.timestamp());
        boolean truncated = letter.reason().endsWith(DeadLetters.TRUNCATED);
        byte[] recovered =
                switch (letter.rawEncoding()) {
                    case DeadLetter.UTF8 -> letter.raw().getBytes(StandardCharsets.UTF_8);
                    case DeadLetter.BASE64 -> Base64.getDecoder().decode(letter.raw());
                    default -> throw new AssertionError("unknown raw encoding " + letter.rawEncoding());
                };
        if (truncated) {
            assertThat(letter.raw()).as(context).hasSizeLessThanOrEqualTo(InputLimits.MAX_DEAD_LETTER_RAW_CHARS);
            assertThat(raw.value()).as(context).hasSizeGreaterThan(recovered.length);
            assertThat(Arrays.copyOf(raw.value(), recovered.length)).as(context).isEqualTo(recovered);
        } else {
            assertThat(recovered).as(context).isEqualTo(raw.value());
        }
    }
}
