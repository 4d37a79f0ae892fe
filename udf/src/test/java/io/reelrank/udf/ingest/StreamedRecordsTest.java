package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.ParserAssertions.assertParsed;
import static io.reelrank.udf.ingest.ParserAssertions.assertRejected;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs the streaming reader and the tree reader could disagree on, each with the reason it
 * is rejected for: these are the contract, whichever path reads the record.
 */
class StreamedRecordsTest {

    private static final String ENGAGEMENT =
            "'event_id':'e-1','user_id':'u42','video_id':'v7','action':'play','watch_ms':8300,'ts':1767225600000";
    private static final String REQUEST =
            "'request_id':'r-9','user_id':'u42','candidates':['v7','v8'],'n':10,'ts':1767225601000";

    @Test
    void duplicateFieldsAnywhereRejectTheRecord() {
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT + ",'ts':1767225600000}"),
                "malformed JSON at line 1, column 107: Duplicate field 'ts' for `ObjectNode`: "
                        + "not allowed when `DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled");
        // Even a duplicate whose values are null, and one inside an unknown nested object.
        assertRejected(new EngagementParser(), json("{'x':null,'x':null," + ENGAGEMENT + "}"),
                "malformed JSON at line 1, column 15: Duplicate field 'x' for `ObjectNode`: "
                        + "not allowed when `DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled");
        assertRejected(new RankRequestParser(), json("{" + REQUEST + ",'junk':{'a':[1],'a':{}}}"),
                "malformed JSON at line 1, column 108: Duplicate field 'a' for `ObjectNode`: "
                        + "not allowed when `DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled");
    }

    @Test
    void nestedJunkInUnknownFieldsIsIgnoredButMustBeWellFormed() {
        Engagement engagement = assertParsed(new EngagementParser(),
                json("{'meta':{'a':[1,{'b':[]}],'c':null}," + ENGAGEMENT + ",'tags':[[1],[2]]}"));
        assertThat(engagement.watchMs()).isEqualTo(8300L);
        assertThat(new EngagementParser().parse(json("{'meta':{'a':[1,}," + ENGAGEMENT + "}")).reason())
                .isEqualTo("malformed JSON at line 1, column 17: Unexpected character ('}' (code 125)): expected a value");
    }

    @Test
    void nestedValuesInKnownFieldsAreWrongTypes() {
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("'u42'", "{'id':'u42'}") + "}"),
                "field user_id must be a string");
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("8300", "[8300]") + "}"),
                "field watch_ms must be an integer");
        assertRejected(new RankRequestParser(), json("{" + REQUEST.replace("'v8'", "['v8']") + "}"),
                "candidates[1] must be a non-empty string");
        assertRejected(new RankRequestParser(), json("{" + REQUEST.replace("'v8'", "{'v':8}") + "}"),
                "candidates[1] must be a non-empty string");
        assertRejected(new RankRequestParser(), json("{" + REQUEST.replace("'v8'", "null") + "}"),
                "candidates[1] must be a non-empty string");
    }

    @Test
    void numbersAsStringsAndStringsAsNumbersAreWrongTypes() {
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("8300", "'8300'") + "}"),
                "field watch_ms must be an integer");
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("1767225600000", "1767225600000.0") + "}"),
                "field ts must be an integer");
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("'u42'", "42") + "}"),
                "field user_id must be a string");
        assertRejected(new RankRequestParser(), json("{" + REQUEST.replace("'v8'", "8") + "}"),
                "candidates[1] must be a non-empty string");
        assertRejected(new RankRequestParser(), json("{" + REQUEST.replace("'n':10", "'n':true") + "}"),
                "field n must be an integer");
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("8300", "-92233720368547758080") + "}"),
                "watch_ms -92233720368547758080 does not fit in 64 bits");
    }

    @Test
    void nullReadsAsAbsent() {
        Engagement engagement = assertParsed(new EngagementParser(),
                json("{" + ENGAGEMENT.replace("8300", "null") + "}"));
        assertThat(engagement.watchMs()).isNull();
        RankRequest request = assertParsed(new RankRequestParser(), json("{" + REQUEST.replace("'n':10", "'n':null") + "}"));
        assertThat(request.n()).isNull();
        assertRejected(new EngagementParser(), json("{" + ENGAGEMENT.replace("'u42'", "null") + "}"),
                "missing field user_id");
    }

    @Test
    void embeddingValuesConvertAsTheTreeDid() {
        String video = "'video_id':'v7','creator_id':'c3','duration_ms':15000,'published_ts':1767225000000";
        Video parsed = assertParsed(new VideoParser(),
                json("{" + video + ",'embedding':[1,-0.1,0.30000001192092896,1e-50,123456789012345678901]}"));
        assertThat(parsed.embedding()).containsExactly(1f, -0.1f, 0.3f, 0f, 1.23456789e20f);
        assertRejected(new VideoParser(), json("{" + video + ",'embedding':[1,1e300]}"),
                "embedding[1] must be a finite number");
        assertRejected(new VideoParser(), json("{" + video + ",'embedding':[1,'2']}"),
                "embedding[1] must be a finite number");
        assertRejected(new VideoParser(), json("{" + video + ",'embedding':[[1]]}"),
                "embedding[0] must be a finite number");
        assertThat(assertParsed(new VideoParser(), json("{" + video + ",'tags':['a','b'],'deleted':null}")).tags())
                .isEqualTo(List.of("a", "b"));
    }
}
