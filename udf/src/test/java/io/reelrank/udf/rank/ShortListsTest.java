package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.MIN;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static io.reelrank.udf.rank.RankingHarness.feature;
import static io.reelrank.udf.rank.RankingHarness.video;
import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing the ranker drops goes unsaid: unknown videos are counted, a request left with fewer
 * than n candidates says why, or is filled from the fallback when that is switched on; a request
 * that is not short is ranked exactly as before either way.
 */
class ShortListsTest {

    private static RankingHarness withCatalog(RankingSettings settings) throws Exception {
        RankingHarness ranker = new RankingHarness(settings);
        ranker.catalog(
                video("v-food", "c1", List.of("food", "travel"), 10_000, T0 - HOUR),
                video("v-share", "c2", List.of("food"), 20_000, T0 - HOUR),
                video("v-cand", "c1", List.of("food", "music"), 30_000, T0 - HOUR),
                video("v-cars", "c3", List.of("cars"), 30_000, T0 - HOUR),
                video("v-gone", "c4", List.of("food"), 10_000, T0 - HOUR));
        ranker.delete("v-gone");
        EngagementCounts trending = new EngagementCounts();
        trending.plays = 5;
        ranker.stats("v-cars", T0, trending, trending);
        return ranker;
    }

    @Test
    void aRequestWhoseCandidatesAreAllUnknownIsCountedAndSaysWhy() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.request("r1", "u1", T0, "v-nowhere", "v-nothing");

            ScoringTask task = ranker.only();
            assertThat(task.rows()).isZero();
            assertThat(task.shortReason())
                    .isEqualTo("0 of 2 candidates left after the filters (2 not in the catalog), 10 wanted");
            assertThat(ranker.counter("requestsAllCandidatesUnknown")).isEqualTo(1);
            assertThat(ranker.counter("candidatesDroppedUnknown")).isEqualTo(2);
            assertThat(ranker.counter("requestsFilled")).isZero();
            assertThat(ranker.numKeyedStateEntries()).isZero();
            assertThat(ranker.harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anEngagementForAnUnknownVideoIsCountedAndStillLearnt() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.play("u1", "v-nowhere", 5_000L, T0);
            ranker.play("u1", "v-food", 5_000L, T0 + 1);
            ranker.request("r1", "u1", T0 + MIN, "v-cand");

            assertThat(ranker.counter("engagementsUnknownVideo")).isEqualTo(1);
            assertThat(feature(ranker.only(), 0, "user_plays_1h")).isEqualTo((float) Math.log1p(2));
        }
    }

    @Test
    void withoutFillingAShortRequestSaysWhyItIsShort() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.engage("u1", "v-food", Action.LIKE, null, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-food", "v-cand", "v-gone");

            ScoringTask task = ranker.only();
            assertThat(task.videoIds()).containsExactly("v-cand");
            assertThat(task.filledRows()).isZero();
            assertThat(task.shortReason())
                    .isEqualTo("1 of 3 candidates left after the filters (1 not in the catalog, 1 already seen), 10 wanted");
            assertThat(ranker.counter("requestsAllCandidatesUnknown")).isZero();
        }
    }

    @Test
    void aRequestOfFewerCandidatesThanNSaysSo() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.request("r1", "u1", T0, "v-cand", "v-cars");

            assertThat(ranker.only().shortReason()).isEqualTo("2 candidates offered, 10 wanted");
        }
    }

    @Test
    void fillingAddsFallbackCandidatesAfterTheRequestsOwn() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withFillShortLists(true).withDefaultN(3))) {
            ranker.engage("u1", "v-food", Action.LIKE, null, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-food", "v-cand", "v-gone");

            ScoringTask task = ranker.only();
            // Own first; then trending (v-cars), then the newest of the candidates' tags, without
            // what the request offered itself or the user has seen.
            assertThat(task.videoIds()).containsExactly("v-cand", "v-cars", "v-share");
            assertThat(task.filledRows()).isEqualTo(2);
            assertThat(task.shortReason()).isNull();
            assertThat(ranker.counter("requestsFilled")).isEqualTo(1);
            assertThat(ranker.counter("candidatesFilled")).isEqualTo(2);
            assertThat(ranker.counter("candidatesDroppedUnknown")).as("the request's own drops only").isEqualTo(1);
            assertThat(ranker.counter("candidatesDroppedSeen")).isEqualTo(1);
        }
    }

    @Test
    void whenTheFallbackCannotFillTheListItStillSaysWhy() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withFillShortLists(true))) {
            ranker.engage("u1", "v-food", Action.LIKE, null, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-food", "v-cand", "v-gone");

            ScoringTask task = ranker.only();
            assertThat(task.filledRows()).isEqualTo(2);
            assertThat(task.shortReason()).isEqualTo(
                    "1 of 3 candidates left after the filters (1 not in the catalog, 1 already seen), 10 wanted; the fallback added 2");
        }
    }

    @Test
    void aRequestThatIsNotShortIsRankedTheSameWithFillingOn() throws Exception {
        ScoringTask off;
        ScoringTask on;
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withDefaultN(2))) {
            ranker.play("u1", "v-food", 5_000L, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-cand", "v-cars", "v-share");
            off = ranker.only();
        }
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withDefaultN(2).withFillShortLists(true))) {
            ranker.play("u1", "v-food", 5_000L, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-cand", "v-cars", "v-share");
            on = ranker.only();
            assertThat(ranker.counter("requestsFilled")).isZero();
        }
        assertThat(on.videoIds()).containsExactly(off.videoIds());
        assertThat(on.features()).containsExactly(off.features());
        assertThat(on.filledRows()).isZero();
        assertThat(on.shortReason()).isNull();
        assertThat(off.shortReason()).isNull();
    }

    @Test
    void refreshesAreNeverFilled() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withFillShortLists(true).withRefreshEvery(1))) {
            ranker.play("u1", "v-food", 1_000L, T0);

            ScoringTask refresh = ranker.only();
            assertThat(refresh.filledRows()).isZero();
            assertThat(refresh.shortReason()).endsWith("10 wanted");
            assertThat(ranker.counter("requestsFilled")).isZero();
        }
    }
}
