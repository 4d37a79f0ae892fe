package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.ParserAssertions.assertParsed;
import static io.reelrank.udf.ingest.ParserAssertions.assertRejected;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngagementParserTest {

    private final EngagementParser parser = new EngagementParser();

    private static final String IDS = "'event_id':'e-1','user_id':'u42','video_id':'v7'";
    private static final String LONG_ID = "u".repeat(InputLimits.MAX_ID_CHARS + 1);

    @Test
    void readsAWellFormedRecord() {
        Engagement engagement =
                assertParsed(parser, json("{" + IDS + ",'action':'play','watch_ms':8300,'ts':1767225600000}"));
        assertThat(engagement).isEqualTo(new Engagement("e-1", "u42", "v7", Action.PLAY, 8300L, 1767225600000L));
    }

    @Test
    void aPlayWithoutWatchTimeKeepsItUnknown() {
        assertThat(assertParsed(parser, json("{" + IDS + ",'action':'play','ts':1767225600000}")).watchMs())
                .isNull();
        assertThat(assertParsed(parser, json("{" + IDS + ",'action':'play','watch_ms':null,'ts':1767225600000}"))
                        .watchMs())
                .isNull();
    }

    @Test
    void readsEveryAction() {
        for (Action action : Action.values()) {
            String record = "{" + IDS + ",'action':'" + action.wireName() + "','ts':1767225600000}";
            assertThat(assertParsed(parser, json(record)).action()).isEqualTo(action);
        }
    }

    @Test
    void acceptsValuesAtTheirLimits() {
        String maxId = "\uD83C\uDFAC".repeat(InputLimits.MAX_ID_CHARS); // 128 code points, 256 chars
        Engagement first =
                assertParsed(
                        parser,
                        json("{'event_id':'" + maxId + "','user_id':'u','video_id':'v','action':'play',"
                                + "'watch_ms':0,'ts':" + InputLimits.MIN_TIMESTAMP_MS + "}"));
        assertThat(first.eventId()).isEqualTo(maxId);
        assertThat(first.watchMs()).isZero();
        Engagement last =
                assertParsed(parser, json("{" + IDS + ",'action':'skip','ts':" + (InputLimits.MAX_TIMESTAMP_MS - 1) + "}"));
        assertThat(last.ts()).isEqualTo(InputLimits.MAX_TIMESTAMP_MS - 1);
    }

    @Test
    void ignoresUnknownFields() {
        Engagement engagement =
                assertParsed(parser, json("{'v':2," + IDS + ",'action':'like','ts':1767225600000,'x':{'y':[1]}}"));
        assertThat(engagement).isEqualTo(new Engagement("e-1", "u42", "v7", Action.LIKE, null, 1767225600000L));
    }

    static Stream<Arguments> rejections() {
        String action = ",'action':'like','ts':1767225600000";
        return Stream.of(
                Arguments.of("{'user_id':'u42','video_id':'v7'" + action + "}", "missing field event_id"),
                Arguments.of("{'event_id':null,'user_id':'u42','video_id':'v7'" + action + "}", "missing field event_id"),
                Arguments.of("{'event_id':'e-1','video_id':'v7'" + action + "}", "missing field user_id"),
                Arguments.of("{'event_id':'e-1','user_id':'u42'" + action + "}", "missing field video_id"),
                Arguments.of("{'event_id':'e-1','user_id':42,'video_id':'v7'" + action + "}", "field user_id must be a string"),
                Arguments.of("{'event_id':'e-1','user_id':['u'],'video_id':'v7'" + action + "}", "field user_id must be a string"),
                Arguments.of("{'event_id':'e-1','user_id':'','video_id':'v7'" + action + "}", "user_id must not be empty"),
                Arguments.of("{'event_id':'e-1','user_id':' \\t','video_id':'v7'" + action + "}", "user_id must not be blank"),
                Arguments.of("{'event_id':'e-1','user_id':'" + LONG_ID + "','video_id':'v7'" + action + "}",
                        "user_id longer than 128 characters"),
                Arguments.of("{" + IDS + ",'ts':1767225600000}", "missing field action"),
                Arguments.of("{" + IDS + ",'action':1,'ts':1767225600000}", "field action must be a string"),
                Arguments.of("{" + IDS + ",'action':'dance','ts':1767225600000}", "unknown action 'dance'"),
                Arguments.of("{" + IDS + ",'action':'PLAY','ts':1767225600000}", "unknown action 'PLAY'"),
                Arguments.of("{" + IDS + ",'action':'" + "x".repeat(100) + "','ts':1767225600000}",
                        "unknown action '" + "x".repeat(64) + "...'"),
                Arguments.of("{" + IDS + ",'action':'play','watch_ms':8300.5,'ts':1767225600000}",
                        "field watch_ms must be an integer"),
                Arguments.of("{" + IDS + ",'action':'play','watch_ms':'8300','ts':1767225600000}",
                        "field watch_ms must be an integer"),
                Arguments.of("{" + IDS + ",'action':'play','watch_ms':-1,'ts':1767225600000}", "watch_ms must be >= 0"),
                Arguments.of("{" + IDS + ",'action':'play','watch_ms':99999999999999999999,'ts':1767225600000}",
                        "watch_ms 99999999999999999999 does not fit in 64 bits"),
                Arguments.of("{" + IDS + ",'action':'like','watch_ms':10,'ts':1767225600000}",
                        "watch_ms is only allowed for play"),
                Arguments.of("{" + IDS + ",'action':'like'}", "missing field ts"),
                Arguments.of("{" + IDS + ",'action':'like','ts':'1767225600000'}", "field ts must be an integer"),
                Arguments.of("{" + IDS + ",'action':'like','ts':1.7672256E12}", "field ts must be an integer"),
                Arguments.of("{" + IDS + ",'action':'like','ts':99999999999999}",
                        "ts 99999999999999 outside 2000-01-01..2100-01-01"),
                Arguments.of("{" + IDS + ",'action':'like','ts':" + (InputLimits.MIN_TIMESTAMP_MS - 1) + "}",
                        "ts 946684799999 outside 2000-01-01..2100-01-01"),
                Arguments.of("{" + IDS + ",'action':'like','ts':" + InputLimits.MAX_TIMESTAMP_MS + "}",
                        "ts 4102444800000 outside 2000-01-01..2100-01-01"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejections")
    void rejectsWithAReasonNamingTheProblem(String record, String reason) {
        assertRejected(parser, json(record), reason);
    }
}
