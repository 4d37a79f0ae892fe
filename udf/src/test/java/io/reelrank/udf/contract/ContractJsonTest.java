package io.reelrank.udf.contract;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON each topic carries, field for field (snake_case names, absent optional fields left
 * out), read and written by {@link Json}.
 */
class ContractJsonTest {

    private static final String ENGAGEMENT_JSON =
            "{\"event_id\":\"e-1\",\"user_id\":\"u42\",\"video_id\":\"v7\",\"action\":\"play\","
                    + "\"watch_ms\":8300,\"ts\":1767225600000}";
    private static final Engagement ENGAGEMENT =
            new Engagement("e-1", "u42", "v7", Action.PLAY, 8300L, 1767225600000L);

    private static final String VIDEO_JSON =
            "{\"video_id\":\"v7\",\"creator_id\":\"c3\",\"tags\":[\"food\",\"travel\"],\"duration_ms\":15000,"
                    + "\"published_ts\":1767225000000,\"embedding\":[0.1,-0.3],\"deleted\":false}";
    private static final Video VIDEO =
            new Video("v7", "c3", List.of("food", "travel"), 15000L, 1767225000000L, new float[] {0.1f, -0.3f}, false);

    private static final String RANK_REQUEST_JSON =
            "{\"request_id\":\"r-9\",\"user_id\":\"u42\",\"candidates\":[\"v7\",\"v8\",\"v11\"],\"n\":10,"
                    + "\"ts\":1767225601000}";
    private static final RankRequest RANK_REQUEST =
            new RankRequest("r-9", "u42", List.of("v7", "v8", "v11"), 10, 1767225601000L);

    private static final String RECOMMENDATION_JSON =
            "{\"request_id\":\"r-9\",\"user_id\":\"u42\",\"trigger\":\"request\",\"model_version\":\"ranker/3\","
                    + "\"event_ts\":1767225601000,\"emitted_ts\":1767225601012,"
                    + "\"items\":[{\"video_id\":\"v8\",\"score\":0.91,\"rank\":1}]}";
    private static final Recommendation RECOMMENDATION =
            new Recommendation(
                    "r-9", "u42", Trigger.REQUEST, "ranker/3", 1767225601000L, 1767225601012L,
                    List.of(new RecommendedItem("v8", 0.91f, 1)));

    /** A short list: one of the request's candidates, one filled from the fallback, and why it is short. */
    private static final String SHORT_RECOMMENDATION_JSON =
            "{\"request_id\":\"r-12\",\"user_id\":\"u42\",\"trigger\":\"request\",\"model_version\":\"ranker/3\","
                    + "\"event_ts\":1767225601000,\"emitted_ts\":1767225601012,"
                    + "\"items\":[{\"video_id\":\"v8\",\"score\":0.91,\"rank\":1},"
                    + "{\"video_id\":\"v30\",\"score\":0.4,\"rank\":2,\"filled\":true}],"
                    + "\"short_reason\":\"1 of 3 candidates left after the filters (2 not in the catalog), 10 wanted;"
                    + " the fallback added 1\"}";
    private static final Recommendation SHORT_RECOMMENDATION =
            new Recommendation(
                    "r-12", "u42", Trigger.REQUEST, "ranker/3", 1767225601000L, 1767225601012L,
                    List.of(new RecommendedItem("v8", 0.91f, 1), new RecommendedItem("v30", 0.4f, 2, true)),
                    "1 of 3 candidates left after the filters (2 not in the catalog), 10 wanted; the fallback added 1");

    private static final String DEAD_LETTER_JSON =
            "{\"source\":\"engagements\",\"partition\":0,\"offset\":1234,\"reason\":\"watch_ms must be >= 0\","
                    + "\"raw\":\"{}\",\"raw_encoding\":\"utf8\",\"ts\":1767225600000}";
    private static final DeadLetter DEAD_LETTER =
            new DeadLetter("engagements", 0, 1234L, "watch_ms must be >= 0", "{}", DeadLetter.UTF8, 1767225600000L);

    @Test
    void examplesReadIntoTheExpectedRecords() {
        assertThat(Json.fromJson(ENGAGEMENT_JSON, Engagement.class)).isEqualTo(ENGAGEMENT);
        assertThat(Json.fromJson(VIDEO_JSON, Video.class)).isEqualTo(VIDEO);
        assertThat(Json.fromJson(RANK_REQUEST_JSON, RankRequest.class)).isEqualTo(RANK_REQUEST);
        assertThat(Json.fromJson(RECOMMENDATION_JSON, Recommendation.class)).isEqualTo(RECOMMENDATION);
        assertThat(Json.fromJson(DEAD_LETTER_JSON, DeadLetter.class)).isEqualTo(DEAD_LETTER);
    }

    @Test
    void recordsAreWrittenInSnakeCaseExactlyAsTheExamples() {
        assertThat(Json.toJson(ENGAGEMENT)).isEqualTo(ENGAGEMENT_JSON);
        assertThat(Json.toJson(VIDEO)).isEqualTo(VIDEO_JSON);
        assertThat(Json.toJson(RANK_REQUEST)).isEqualTo(RANK_REQUEST_JSON);
        assertThat(Json.toJson(RECOMMENDATION)).isEqualTo(RECOMMENDATION_JSON);
        assertThat(Json.toJson(DEAD_LETTER)).isEqualTo(DEAD_LETTER_JSON);
    }

    @Test
    void aShortRecommendationAddsItsReasonAndMarksFilledItemsAndNothingElse() {
        assertThat(Json.toJson(SHORT_RECOMMENDATION)).isEqualTo(SHORT_RECOMMENDATION_JSON);
        assertThat(Json.fromJson(SHORT_RECOMMENDATION_JSON, Recommendation.class)).isEqualTo(SHORT_RECOMMENDATION);
        assertThat(Json.fromJson(RECOMMENDATION_JSON, Recommendation.class).shortReason()).isNull();
        assertThat(Json.fromJson(RECOMMENDATION_JSON, Recommendation.class).items())
                .allSatisfy(item -> assertThat(item.filled()).isFalse());
    }

    @Test
    void videosReadApartShareTheirCreatorAndTagInstances() {
        Video first = Json.fromJson(VIDEO_JSON, Video.class);
        Video second = Json.fromJson(VIDEO_JSON, Video.class);
        assertThat(second.creatorId()).isSameAs(first.creatorId());
        assertThat(second.tags()).isNotEmpty();
        for (int i = 0; i < first.tags().size(); i++) {
            assertThat(second.tags().get(i)).isSameAs(first.tags().get(i));
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyRecordSurvivesARoundTrip() {
        List<Object> records =
                List.of(
                        ENGAGEMENT,
                        new Engagement("e-2", "u1", "v1", Action.SKIP, null, 1767225600001L),
                        VIDEO,
                        new Video("v9", null, List.of(), 0L, 1767225000000L, null, true),
                        RANK_REQUEST,
                        new RankRequest("r-10", "u1", List.of("v1"), null, 1767225601000L),
                        RECOMMENDATION,
                        SHORT_RECOMMENDATION,
                        new Recommendation("r-11", "u1", Trigger.COLD_START, "ranker/1", 1L, 2L, List.of()),
                        DEAD_LETTER,
                        new DeadLetter("videos", -1, -1L, "invalid UTF-8 at byte 0", "/w==", DeadLetter.BASE64, 5L));
        for (Object record : records) {
            assertThat(Json.fromJson(Json.toJson(record), record.getClass())).isEqualTo(record);
        }
    }

    @Test
    void everyActionAndTriggerUsesItsLowerCaseWireName() {
        for (Action action : Action.values()) {
            Engagement engagement = new Engagement("e", "u", "v", action, null, 1L);
            String json = Json.toJson(engagement);
            assertThat(json).contains("\"action\":\"" + action.name().toLowerCase() + "\"");
            assertThat(Json.fromJson(json, Engagement.class)).isEqualTo(engagement);
        }
        assertThat(Json.toJson(Trigger.COLD_START)).isEqualTo("\"cold_start\"");
        assertThat(Json.fromJson("\"refresh\"", Trigger.class)).isEqualTo(Trigger.REFRESH);
    }

    @Test
    void unknownFieldsAreIgnored() {
        String withExtras =
                "{\"schema\":2,\"event_id\":\"e-1\",\"user_id\":\"u42\",\"video_id\":\"v7\",\"action\":\"play\","
                        + "\"watch_ms\":8300,\"ts\":1767225600000,\"client\":{\"os\":\"ios\",\"build\":[1,2]}}";
        assertThat(Json.fromJson(withExtras, Engagement.class)).isEqualTo(ENGAGEMENT);
    }

    @Test
    void absentOptionalFieldsAreLeftOutOnWrite() {
        assertThat(Json.toJson(new Engagement("e-2", "u1", "v1", Action.LIKE, null, 7L)))
                .isEqualTo("{\"event_id\":\"e-2\",\"user_id\":\"u1\",\"video_id\":\"v1\",\"action\":\"like\",\"ts\":7}");
        assertThat(Json.toJson(new RankRequest("r", "u", List.of("v"), null, 7L))).doesNotContain("\"n\"");
    }
}
