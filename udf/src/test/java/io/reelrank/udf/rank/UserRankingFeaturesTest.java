package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.MIN;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static io.reelrank.udf.rank.RankingHarness.feature;
import static io.reelrank.udf.rank.RankingHarness.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exact feature values in the rows the ranker emits, from the spec's documented formulas. */
class UserRankingFeaturesTest {

    private static final float EPS = 1e-6f;
    /** Ten hours into the day, so every engagement below lies inside the 24h window. */
    private static final long R = T0 + 10 * HOUR;

    private RankingHarness ranker;

    @BeforeEach
    void catalog() throws Exception {
        ranker = new RankingHarness(RankingSettings.defaults());
        ranker.catalog(
                video("v-food", "c1", List.of("food", "travel"), 10_000, T0, 1f, 0f, 0f),
                video("v-share", "c2", List.of("food"), 20_000, T0, 0f, 1f, 0f),
                video("v-cand", "c1", List.of("food", "music"), 30_000, R - 5 * HOUR, 1f, 1f, 0f));
    }

    @AfterEach
    void close() throws Exception {
        ranker.close();
    }

    @Test
    void windowedUserCountsRatesAndCompletion() throws Exception {
        ranker.play("u1", "v-food", 5_000L, R - 5 * HOUR);
        ranker.engage("u1", "v-food", Action.SKIP, null, R - 4 * HOUR);
        ranker.play("u1", "v-food", 10_000L, R - 3 * HOUR);
        ranker.engage("u1", "v-food", Action.LIKE, null, R - 2 * HOUR);
        ranker.engage("u1", "v-food", Action.SHARE, null, R - 90 * MIN);
        ranker.play("u1", "v-food", 20_000L, R - 30 * MIN);
        ranker.play("u1", "v-food", 2_500L, R - 20 * MIN);
        ranker.engage("u1", "v-food", Action.LIKE, null, R - 15 * MIN);
        ranker.play("u1", "v-food", 7_500L, R - 10 * MIN);

        ranker.request("r1", "u1", R, "v-cand");

        ScoringTask task = ranker.only();
        assertThat(task.trigger()).isEqualTo(Trigger.REQUEST);
        assertThat(task.requestId()).isEqualTo("r1");
        assertThat(task.eventTs()).isEqualTo(R);
        assertThat(task.n()).as("the job default when the request has no n").isEqualTo(10);
        assertThat(task.videoIds()).containsExactly("v-cand");
        assertThat(task.width()).isEqualTo(21);
        assertThat(feature(task, 0, "user_plays_1h")).isEqualTo((float) Math.log1p(3));
        assertThat(feature(task, 0, "user_plays_24h")).isEqualTo((float) Math.log1p(5));
        assertThat(feature(task, 0, "user_like_rate_24h")).isCloseTo(2f / (5 + 1), within(EPS));
        assertThat(feature(task, 0, "user_share_rate_24h")).isCloseTo(1f / (5 + 1), within(EPS));
        assertThat(feature(task, 0, "user_skip_rate_24h")).isCloseTo(1f / (5 + 1 + 1), within(EPS));
        // watch_ms / duration_ms capped at 1: 0.5, 1, 1 (capped), 0.25, 0.75
        assertThat(feature(task, 0, "user_completion_24h")).isCloseTo(3.5f / 5, within(EPS));
        assertThat(feature(task, 0, "user_watch_minutes_24h"))
                .isCloseTo((float) Math.log1p(45_000 / 60_000.0), within(EPS));
        assertThat(feature(task, 0, "user_has_history")).isEqualTo(1f);
    }

    @Test
    void videoStatsAndCatalogFeatures() throws Exception {
        EngagementCounts hour = counts(4, 1, 0, 0, 0f, 0);
        EngagementCounts day = counts(9, 3, 2, 1, 4.5f, 9);
        ranker.stats("v-cand", R - MIN, hour, day);
        ranker.engage("u1", "v-food", Action.LIKE, null, R - MIN);

        ranker.request("r1", "u1", R, "v-cand", "v-share");

        ScoringTask task = ranker.only();
        assertThat(task.videoIds()).containsExactly("v-cand", "v-share");
        assertThat(task.creatorIds()).containsExactly("c1", "c2");
        assertThat(feature(task, 0, "video_plays_1h")).isEqualTo((float) Math.log1p(4));
        assertThat(feature(task, 0, "video_plays_24h")).isEqualTo((float) Math.log1p(9));
        assertThat(feature(task, 0, "video_like_rate_24h")).isCloseTo(3f / 10, within(EPS));
        assertThat(feature(task, 0, "video_share_rate_24h")).isCloseTo(2f / 10, within(EPS));
        assertThat(feature(task, 0, "video_skip_rate_24h")).isCloseTo(1f / 11, within(EPS));
        assertThat(feature(task, 0, "video_completion_24h")).isCloseTo(0.5f, within(EPS));
        assertThat(feature(task, 0, "freshness_hours")).isCloseTo((float) Math.log1p(5), within(EPS));
        assertThat(feature(task, 0, "duration_seconds")).isCloseTo((float) Math.log1p(30), within(EPS));
        // v-share has no stats yet: missing, so the spec's default, not a computed zero rate.
        assertThat(feature(task, 1, "video_plays_24h")).isZero();
        assertThat(feature(task, 1, "video_like_rate_24h")).isZero();
        assertThat(feature(task, 1, "freshness_hours")).isCloseTo((float) Math.log1p(10), within(EPS));
        assertThat(feature(task, 1, "duration_seconds")).isCloseTo((float) Math.log1p(20), within(EPS));
    }

    @Test
    void decayedPlaysAreDecayedToTheRequestTime() throws Exception {
        EngagementCounts empty = new EngagementCounts();
        // 6 decayed plays as of one 30-day half-life before the request: 3 at the request.
        ranker.stats(new VideoStats("v-cand", R - MIN, new EngagementCounts[] {empty, empty}, 6.0, R - 30 * 24 * HOUR));
        ranker.stats(new VideoStats("v-food", R - MIN, new EngagementCounts[] {empty, empty}, 2.0, R + HOUR));

        ranker.request("r1", "u1", R, "v-cand", "v-share", "v-food");

        ScoringTask task = ranker.only();
        assertThat(feature(task, 0, "video_plays_decayed_30d")).isEqualTo((float) Math.log1p(3));
        assertThat(feature(task, 0, "video_plays_24h")).as("the windows are empty").isZero();
        assertThat(feature(task, 1, "video_plays_decayed_30d")).as("no stats: the default").isZero();
        assertThat(feature(task, 2, "video_plays_decayed_30d")).as("stats newer than the request count as they are")
                .isEqualTo((float) Math.log1p(2));
    }

    @Test
    void tagEmbeddingAndCreatorProfileOfKnownEngagements() throws Exception {
        ranker.engage("u2", "v-food", Action.LIKE, null, R);
        ranker.engage("u2", "v-share", Action.SHARE, null, R);

        ranker.request("r1", "u2", R, "v-cand");

        // like weighs 3, share 4: food = 3 + 4, travel = 3; v-cand's tags are food and music.
        ScoringTask task = ranker.only();
        double tagNorm = Math.sqrt(7 * 7 + 3 * 3);
        assertThat(feature(task, 0, "tag_cosine")).isCloseTo((float) (7 / (tagNorm * Math.sqrt(2))), within(EPS));
        assertThat(feature(task, 0, "tag_profile_mass")).isCloseTo((float) Math.log1p(7), within(EPS));
        assertThat(feature(task, 0, "creator_affinity")).isCloseTo((float) Math.log1p(3), within(EPS));
        // Embedding profile = (3 * [1,0,0] + 4 * [0,1,0]) / 7; v-cand is [1,1,0].
        double profileNorm = Math.sqrt(9 + 16) / 7;
        assertThat(feature(task, 0, "embedding_cosine"))
                .isCloseTo((float) ((3 + 4) / 7.0 / (profileNorm * Math.sqrt(2))), within(EPS));
    }

    @Test
    void profileWeightsHalveAfterOneHalfLifeWhileCosinesStay() throws Exception {
        long halfLife = ranker.settings.profileHalfLifeMs();
        ranker.engage("u2", "v-food", Action.LIKE, null, R);
        ranker.engage("u2", "v-share", Action.SHARE, null, R);

        ranker.request("r-now", "u2", R, "v-cand");
        ranker.request("r-later", "u2", R + halfLife, "v-cand");

        ScoringTask now = ranker.tasks().get(0);
        ScoringTask later = ranker.tasks().get(1);
        assertThat(feature(later, 0, "creator_affinity")).isCloseTo((float) Math.log1p(3 / 2.0), within(EPS));
        assertThat(feature(later, 0, "tag_profile_mass")).isCloseTo((float) Math.log1p(7 / 2.0), within(EPS));
        assertThat(feature(later, 0, "tag_cosine")).isCloseTo(feature(now, 0, "tag_cosine"), within(EPS));
        assertThat(feature(later, 0, "embedding_cosine")).isCloseTo(feature(now, 0, "embedding_cosine"), within(EPS));
    }

    @Test
    void userWithoutHistoryIsAColdStartWithDefaultUserFeatures() throws Exception {
        ranker.request("r-new", "u-new", R, "v-cand");

        ScoringTask task = ranker.only();
        assertThat(task.trigger()).isEqualTo(Trigger.COLD_START);
        assertThat(task.videoIds()).containsExactly("v-cand");
        for (String userFeature : List.of("user_has_history", "user_plays_1h", "user_plays_24h", "user_like_rate_24h",
                "user_completion_24h", "tag_cosine", "embedding_cosine", "creator_affinity", "tag_profile_mass")) {
            assertThat(feature(task, 0, userFeature)).as(userFeature).isZero();
        }
        assertThat(feature(task, 0, "duration_seconds")).as("video features still filled")
                .isCloseTo((float) Math.log1p(30), within(EPS));
    }

    private static EngagementCounts counts(int plays, int likes, int shares, int skips, float completionSum,
                                           int completionPlays) {
        EngagementCounts counts = new EngagementCounts();
        counts.plays = plays;
        counts.likes = likes;
        counts.shares = shares;
        counts.skips = skips;
        counts.completionSum = completionSum;
        counts.completionPlays = completionPlays;
        return counts;
    }
}
