package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.JsonRecordParser.STRICT_READER;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader returns exactly what the tree reader would for the same bytes, or
 * declines; the fuzz test's mutations supply inputs of every shape. Seeded, so a failure replays.
 */
class FlatObjectTest {

    private static final long SEED = 0xF1A7_0B1EL;
    private static final int RECORDS_PER_TOPIC = 3000;

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of("engagements", FuzzTopic.ENGAGEMENTS),
                Arguments.of("videos", FuzzTopic.VIDEOS),
                Arguments.of("rank-requests", FuzzTopic.RANK_REQUESTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    <T> void streamingAgreesWithTheTreeOrDeclines(String source, FuzzTopic<T> topic) {
        Random random = new Random(SEED ^ source.hashCode());
        int streamed = 0;
        for (int i = 0; i < RECORDS_PER_TOPIC; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] input = mutation.apply(topic, topic.goodRecord(random), random);
            FlatObject fast = FlatObject.stream(STRICT_READER, input);
            if (fast != null) {
                streamed++;
                assertThat(fast)
                        .as("%s: %s", mutation, Base64.getEncoder().encodeToString(input))
                        .isEqualTo(fromTree(input));
            }
            if (mutation == Mutation.NONE || mutation == Mutation.BYTE_ORDER_MARK) {
                assertThat(fast).as("a good record is streamed").isNotNull();
            }
        }
        assertThat(streamed).isGreaterThan(RECORDS_PER_TOPIC / 10);
    }

    @Test
    void readsEveryScalarKindAsTheTreeDoes() {
        byte[] input = json("{'s':'x','i':-7,'l':8000000000,'b':123456789012345678901,'d':0.5,'e':1e400,"
                + "'t':true,'f':false,'z':null,'a':['y',1,2.5,null,false]}");
        FlatObject fields = FlatObject.stream(STRICT_READER, input);
        assertThat(fields).isEqualTo(fromTree(input));
        assertThat(fields.get("s")).isEqualTo("x");
        assertThat(fields.get("i")).isEqualTo(-7L);
        assertThat(fields.get("l")).isEqualTo(8_000_000_000L);
        assertThat(fields.get("b")).isEqualTo(new BigInteger("123456789012345678901"));
        assertThat(fields.get("d")).isEqualTo(0.5);
        assertThat(fields.get("e")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(fields.get("t")).isEqualTo(true);
        assertThat(fields.get("f")).isEqualTo(false);
        assertThat(fields.get("z")).isNull();
        assertThat(fields.get("absent")).isNull();
        assertThat(fields.get("a")).isEqualTo(Arrays.asList("y", 1L, 2.5, null, false));
    }

    @Test
    void declinesWhatOnlyTheTreeReaderCanJudge() {
        for (String declined : List.of("{'a':{}}", "{'a':[[1]]}", "{'a':[{}]}", "{'a':1,'a':1}", "{'a':1} x",
                "{'a':1}{}", "{'a':", "[1]", "'s'", "  ", "{'a':NaN}")) {
            assertThat(FlatObject.stream(STRICT_READER, json(declined))).as(declined).isNull();
        }
        assertThat(FlatObject.of((ObjectNode) tree(json("{'a':{'b':1},'c':[[1],{}]}"))).get("c"))
                .isEqualTo(List.of(List.of(1L), FlatObject.NESTED));
    }

    private static FlatObject fromTree(byte[] input) {
        JsonNode node = tree(input);
        return node instanceof ObjectNode object ? FlatObject.of(object) : null;
    }

    private static JsonNode tree(byte[] input) {
        try {
            return STRICT_READER.readTree(input);
        } catch (Exception e) {
            return null;
        }
    }
}
