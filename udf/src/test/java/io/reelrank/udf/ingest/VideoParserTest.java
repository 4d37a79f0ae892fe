package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.ParserAssertions.assertParsed;
import static io.reelrank.udf.ingest.ParserAssertions.assertRejected;
import static io.reelrank.udf.ingest.ParserAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Video;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VideoParserTest {

    private final VideoParser parser = new VideoParser();

    private static final String LIVE = "'video_id':'v7','creator_id':'c3','duration_ms':15000,'published_ts':1767225000000";

    @Test
    void readsAWellFormedRecord() {
        Video video =
                assertParsed(
                        parser,
                        json("{'video_id':'v7','creator_id':'c3','tags':['food','travel'],'duration_ms':15000,"
                                + "'published_ts':1767225000000,'embedding':[0.1,-0.3,2],'deleted':false}"));
        assertThat(video)
                .isEqualTo(new Video("v7", "c3", List.of("food", "travel"), 15000L, 1767225000000L,
                        new float[] {0.1f, -0.3f, 2f}, false));
    }

    @Test
    void tagsAndEmbeddingMayBeAbsent() {
        Video video = assertParsed(parser, json("{" + LIVE + "}"));
        assertThat(video.tags()).isEmpty();
        assertThat(video.embedding()).isEmpty();
        assertThat(video.deleted()).isFalse();
        assertThat(assertParsed(parser, json("{" + LIVE + ",'tags':null,'embedding':null}"))).isEqualTo(video);
    }

    @Test
    void aTombstoneNeedsOnlyItsIdAndTime() {
        Video expected = new Video("v7", null, List.of(), 0L, 1767225000000L, null, true);
        assertThat(assertParsed(parser, json("{'video_id':'v7','published_ts':1767225000000,'deleted':true}")))
                .isEqualTo(expected);
        // Whatever else a tombstone carries is ignored, even when it would be invalid on a live video.
        assertThat(assertParsed(parser,
                        json("{'video_id':'v7','published_ts':1767225000000,'deleted':true,'creator_id':5,'duration_ms':0}")))
                .isEqualTo(expected);
    }

    @Test
    void acceptsTagsAndEmbeddingAtTheirLimits() {
        String tags = String.join(",", Collections.nCopies(InputLimits.MAX_TAGS, "'" + "t".repeat(InputLimits.MAX_TAG_CHARS) + "'"));
        String embedding = String.join(",", Collections.nCopies(InputLimits.MAX_EMBEDDING_VALUES, "-0.5"));
        Video video = assertParsed(parser, json("{" + LIVE + ",'tags':[" + tags + "],'embedding':[" + embedding + "]}"));
        assertThat(video.tags()).hasSize(InputLimits.MAX_TAGS);
        assertThat(video.embedding()).hasSize(InputLimits.MAX_EMBEDDING_VALUES).containsOnly(-0.5f);
    }

    static Stream<Arguments> rejections() {
        String tooManyTags = String.join(",", Collections.nCopies(200, "'t'"));
        String tooLongEmbedding = String.join(",", Collections.nCopies(2000, "0"));
        return Stream.of(
                Arguments.of("{'creator_id':'c3','duration_ms':15000,'published_ts':1767225000000}", "missing field video_id"),
                Arguments.of("{'video_id':'v7','deleted':true}", "missing field published_ts"),
                Arguments.of("{'video_id':'v7','published_ts':1767225000000,'deleted':'yes'}", "field deleted must be a boolean"),
                Arguments.of("{'video_id':'v7','published_ts':1,'deleted':true}", "published_ts 1 outside 2000-01-01..2100-01-01"),
                Arguments.of("{'video_id':'v7','duration_ms':15000,'published_ts':1767225000000}", "missing field creator_id"),
                Arguments.of("{'video_id':'v7','creator_id':'','duration_ms':15000,'published_ts':1767225000000}",
                        "creator_id must not be empty"),
                Arguments.of("{'video_id':'v7','creator_id':'c3','published_ts':1767225000000}", "missing field duration_ms"),
                Arguments.of("{'video_id':'v7','creator_id':'c3','duration_ms':0,'published_ts':1767225000000}",
                        "duration_ms must be > 0"),
                Arguments.of("{'video_id':'v7','creator_id':'c3','duration_ms':-15,'published_ts':1767225000000}",
                        "duration_ms must be > 0"),
                Arguments.of("{'video_id':'v7','creator_id':'c3','duration_ms':1.5,'published_ts':1767225000000}",
                        "field duration_ms must be an integer"),
                Arguments.of("{" + LIVE + ",'tags':'food'}", "field tags must be an array"),
                Arguments.of("{" + LIVE + ",'tags':[" + tooManyTags + "]}", "tags has 200 entries, more than 64"),
                Arguments.of("{" + LIVE + ",'tags':['food','']}", "tags[1] must be a non-empty string"),
                Arguments.of("{" + LIVE + ",'tags':['food',3]}", "tags[1] must be a non-empty string"),
                Arguments.of("{" + LIVE + ",'tags':[null]}", "tags[0] must be a non-empty string"),
                Arguments.of("{" + LIVE + ",'tags':['" + "t".repeat(65) + "']}", "tags[0] longer than 64 characters"),
                Arguments.of("{" + LIVE + ",'embedding':{'0':1}}", "field embedding must be an array"),
                Arguments.of("{" + LIVE + ",'embedding':[" + tooLongEmbedding + "]}", "embedding has 2000 values, more than 1024"),
                Arguments.of("{" + LIVE + ",'embedding':[0.1,0.2,'0.3']}", "embedding[2] must be a finite number"),
                Arguments.of("{" + LIVE + ",'embedding':[0.1,0.2,null]}", "embedding[2] must be a finite number"),
                Arguments.of("{" + LIVE + ",'embedding':[0.1,0.2,1e300]}", "embedding[2] must be a finite number"),
                Arguments.of("{" + LIVE + ",'embedding':[0.1,0.2,-1e400]}", "embedding[2] must be a finite number"),
                Arguments.of("{" + LIVE + ",'embedding':[[0.1]]}", "embedding[0] must be a finite number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejections")
    void rejectsWithAReasonNamingTheProblem(String record, String reason) {
        assertRejected(parser, json(record), reason);
    }
}
