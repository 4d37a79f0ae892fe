package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.ParserAssertions.assertParsed;
import static io.reelrank.udf.ingest.ParserAssertions.assertRejected;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.RankRequest;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankRequestParserTest {

    private final RankRequestParser parser = new RankRequestParser();

    private static final String HEAD = "'request_id':'r-9','user_id':'u42'";
    private static final String TS = ",'ts':1767225601000";

    @Test
    void readsAWellFormedRecord() {
        assertThat(assertParsed(parser, json("{" + HEAD + ",'candidates':['v7','v8','v11'],'n':10" + TS + "}")))
                .isEqualTo(new RankRequest("r-9", "u42", List.of("v7", "v8", "v11"), 10, 1767225601000L));
    }

    @Test
    void anAbsentNMeansTheJobDefault() {
        assertThat(assertParsed(parser, json("{" + HEAD + ",'candidates':['v7']" + TS + "}")).n()).isNull();
        assertThat(assertParsed(parser, json("{" + HEAD + ",'candidates':['v7'],'n':null" + TS + "}")).n()).isNull();
    }

    @Test
    void acceptsValuesAtTheirLimits() {
        RankRequest request =
                assertParsed(parser, json("{" + HEAD + ",'candidates':[" + candidates(InputLimits.MAX_CANDIDATES) + "],'n':100" + TS + "}"));
        assertThat(request.candidates()).hasSize(InputLimits.MAX_CANDIDATES).startsWith("v0").endsWith("v999");
        assertThat(request.n()).isEqualTo(InputLimits.MAX_N);
        assertThat(assertParsed(parser, json("{" + HEAD + ",'candidates':['v'],'n':1" + TS + "}")).n()).isEqualTo(1);
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("{'user_id':'u42','candidates':['v7']" + TS + "}", "missing field request_id"),
                Arguments.of("{'request_id':'r-9','candidates':['v7']" + TS + "}", "missing field user_id"),
                Arguments.of("{" + HEAD + TS + "}", "missing field candidates"),
                Arguments.of("{" + HEAD + ",'candidates':'v7'" + TS + "}", "field candidates must be an array"),
                Arguments.of("{" + HEAD + ",'candidates':[]" + TS + "}", "candidates must not be empty"),
                Arguments.of("{" + HEAD + ",'candidates':[" + candidates(2000) + "]" + TS + "}",
                        "candidates has 2000 entries, more than 1000"),
                Arguments.of("{" + HEAD + ",'candidates':['v0','v1','v2','']" + TS + "}", "candidates[3] must be a non-empty string"),
                Arguments.of("{" + HEAD + ",'candidates':['v0','v1','v2',7]" + TS + "}", "candidates[3] must be a non-empty string"),
                Arguments.of("{" + HEAD + ",'candidates':['" + "v".repeat(129) + "']" + TS + "}",
                        "candidates[0] longer than 128 characters"),
                Arguments.of("{" + HEAD + ",'candidates':['v7','v8','v7']" + TS + "}", "candidates has duplicate 'v7'"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'n':0" + TS + "}", "n must be within 1..100"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'n':101" + TS + "}", "n must be within 1..100"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'n':-4294967295" + TS + "}", "n must be within 1..100"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'n':10.5" + TS + "}", "field n must be an integer"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'n':'10'" + TS + "}", "field n must be an integer"),
                Arguments.of("{" + HEAD + ",'candidates':['v7']}", "missing field ts"),
                Arguments.of("{" + HEAD + ",'candidates':['v7'],'ts':-1}", "ts -1 outside 2000-01-01..2100-01-01"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejections")
    void rejectsWithAReasonNamingTheProblem(String record, String reason) {
        assertRejected(parser, json(record), reason);
    }

    private static String candidates(int count) {
        return IntStream.range(0, count).mapToObj(i -> "'v" + i + "'").collect(Collectors.joining(","));
    }
}
