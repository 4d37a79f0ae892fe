package io.reelrank.udf.rank;

import static io.reelrank.udf.rank.RankingHarness.HOUR;
import static io.reelrank.udf.rank.RankingHarness.MIN;
import static io.reelrank.udf.rank.RankingHarness.T0;
import static io.reelrank.udf.rank.RankingHarness.feature;
import static io.reelrank.udf.rank.RankingHarness.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Candidate filtering, refresh, event-time alignment, lateness and state expiry of the ranker. */
class UserRankingFunctionTest {

    private static final long ALLOWED_LATENESS = 10 * MIN;
    /** Default windows: the 1h bucket of T0 expires at T0 + 65 min, the 24h bucket at T0 + 25 h. */
    private static final long ALL_EXPIRED = T0 + 25 * HOUR;

    private static RankingHarness withCatalog(RankingSettings settings) throws Exception {
        RankingHarness ranker = new RankingHarness(settings);
        ranker.catalog(
                video("v-food", "c1", List.of("food", "travel"), 10_000, T0 - HOUR),
                video("v-share", "c2", List.of("food"), 20_000, T0 - HOUR),
                video("v-cand", "c1", List.of("food", "music"), 30_000, T0 - HOUR),
                video("v-cars", "c3", List.of("cars"), 30_000, T0 - HOUR));
        return ranker;
    }

    @Test
    void dropsUnknownDeletedAndAlreadySeenCandidates() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.catalog(video("v-gone", "c4", List.of("food"), 10_000, T0));
            ranker.delete("v-gone");
            ranker.play("u1", "v-food", 5_000L, T0);

            ranker.request("r1", "u1", T0 + MIN, "v-unknown", "v-gone", "v-food", "v-cand", "v-cars");

            ScoringTask task = ranker.only();
            assertThat(task.videoIds()).containsExactly("v-cand", "v-cars");
            assertThat(task.creatorIds()).containsExactly("c1", "c3");
            assertThat(task.rows()).isEqualTo(2);
            assertThat(task.features()).hasSize(2 * task.width());
        }
    }

    @Test
    void requestWithOnlyUnusableCandidatesStillAnswersWithNoRows() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.request("r1", "u1", T0, "v-unknown");

            ScoringTask task = ranker.only();
            assertThat(task.videoIds()).isEmpty();
            assertThat(task.features()).isEmpty();
        }
    }

    @Test
    void refreshesEveryKEngagementsWithInJobCandidates() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withRefreshEvery(3))) {
            EngagementCounts trending = new EngagementCounts();
            trending.plays = 5;
            ranker.stats("v-cars", T0, trending, trending);

            ranker.play("u1", "v-food", 1_000L, T0 + 1);
            ranker.engage("u1", "v-food", Action.LIKE, null, T0 + 2);
            assertThat(ranker.tasks()).isEmpty();
            ranker.play("u1", "v-food", 1_000L, T0 + 3);

            ScoringTask refresh = ranker.only();
            assertThat(refresh.trigger()).isEqualTo(Trigger.REFRESH);
            assertThat(refresh.requestId()).isEqualTo("refresh-u1-" + (T0 + 3));
            assertThat(refresh.eventTs()).isEqualTo(T0 + 3);
            // Trending first, then the newest videos of the engaged video's tags; v-food was seen.
            assertThat(refresh.videoIds()).containsExactly("v-cars", "v-cand", "v-share");

            ranker.play("u1", "v-share", 1_000L, T0 + 4);
            ranker.play("u1", "v-share", 1_000L, T0 + 5);
            assertThat(ranker.tasks()).hasSize(1);
            ranker.play("u1", "v-share", 1_000L, T0 + 6);
            assertThat(ranker.tasks()).hasSize(2);
            assertThat(ranker.last().videoIds()).containsExactly("v-cars", "v-cand");
        }
    }

    @Test
    void noRefreshWhenOff() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            for (int i = 0; i < 10; i++) {
                ranker.play("u1", "v-food", 1_000L, T0 + i);
            }
            assertThat(ranker.tasks()).isEmpty();
        }
    }

    @Test
    void alignedRequestWaitsForTheWatermarkAndSeesEarlierEngagementsThatArrivedAfterIt() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(true))) {
            long r = T0 + 10 * MIN;
            ranker.request("r1", "u1", r, "v-cand");
            ranker.play("u1", "v-food", 5_000L, r - MIN);
            ranker.play("u1", "v-food", 5_000L, r + MIN);
            assertThat(ranker.tasks()).isEmpty();

            ranker.watermark(r - 1);
            assertThat(ranker.tasks()).as("the request's time has not passed").isEmpty();

            ranker.watermark(r);
            ScoringTask task = ranker.only();
            assertThat(task.requestId()).isEqualTo("r1");
            assertThat(task.trigger()).isEqualTo(Trigger.REQUEST);
            assertThat(feature(task, 0, "user_plays_1h"))
                    .as("the play at r - 1 min counts, the one at r + 1 min does not")
                    .isEqualTo((float) Math.log1p(1));

            ranker.watermark(ALL_EXPIRED);
            assertThat(ranker.keysWithState("pending-inputs")).isEmpty();
            assertThat(ranker.harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void alignedRequestSeesAnEngagementAtItsOwnTimeWhicheverArrivedFirst() throws Exception {
        long r = T0 + 10 * MIN;
        for (boolean requestFirst : new boolean[] {true, false}) {
            try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(true))) {
                if (requestFirst) {
                    ranker.request("r1", "u1", r, "v-cand");
                    ranker.play("u1", "v-food", 5_000L, r);
                } else {
                    ranker.play("u1", "v-food", 5_000L, r);
                    ranker.request("r1", "u1", r, "v-cand");
                }
                ranker.watermark(r);
                assertThat(feature(ranker.only(), 0, "user_plays_1h"))
                        .as("request first: " + requestFirst)
                        .isEqualTo((float) Math.log1p(1));
            }
        }
    }

    @Test
    void alignedResultDoesNotDependOnHowFarTheWatermarkJumps() throws Exception {
        long r = T0 + 10 * MIN;
        float[] fineSteps;
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(true))) {
            ranker.request("r1", "u1", r, "v-cand");
            ranker.play("u1", "v-food", 5_000L, r - MIN);
            for (long wm = T0; wm <= r + 2 * HOUR; wm += MIN) {
                ranker.watermark(wm);
            }
            fineSteps = ranker.only().features();
        }
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(true))) {
            ranker.request("r1", "u1", r, "v-cand");
            ranker.play("u1", "v-food", 5_000L, r - MIN);
            // A replay's watermark can leap hours at once; the inputs were on time when they arrived.
            ranker.watermark(r + 2 * HOUR);

            assertThat(ranker.deadLetters()).isEmpty();
            ScoringTask task = ranker.only();
            assertThat(feature(task, 0, "user_plays_1h")).isEqualTo((float) Math.log1p(1));
            assertThat(task.features()).containsExactly(fineSteps);
        }
    }

    @Test
    void alignedEngagementLateOnArrivalIsDeadLettered() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(true))) {
            ranker.watermark(T0 + HOUR);
            ranker.play("u1", "v-food", 5_000L, T0 + HOUR - ALLOWED_LATENESS - 1);
            ranker.request("r1", "u1", T0 + HOUR + MIN, "v-cand");
            ranker.watermark(T0 + HOUR + MIN);

            assertThat(ranker.deadLetters()).hasSize(1);
            assertThat(ranker.only().trigger()).isEqualTo(Trigger.COLD_START);
        }
    }

    @Test
    void engagementsBeforeTheFirstWatermarkAreApplied() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.play("u1", "v-food", 5_000L, T0);
            ranker.request("r1", "u1", T0 + MIN, "v-cand");

            assertThat(ranker.deadLetters()).isEmpty();
            assertThat(ranker.only().trigger()).isEqualTo(Trigger.REQUEST);
            assertThat(feature(ranker.only(), 0, "user_plays_1h")).isEqualTo((float) Math.log1p(1));
        }
    }

    @Test
    void engagementBeyondAllowedLatenessGoesToDeadLettersAndIsNotApplied() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            long watermark = T0 + HOUR;
            ranker.watermark(watermark);

            Engagement late = ranker.engage("u1", "v-food", Action.PLAY, 5_000L, watermark - ALLOWED_LATENESS - 1);
            ranker.request("r1", "u1", watermark, "v-cand");

            List<DeadLetter> deadLetters = ranker.deadLetters();
            assertThat(deadLetters).hasSize(1);
            DeadLetter letter = deadLetters.get(0);
            assertThat(letter.source()).isEqualTo(Topics.ENGAGEMENTS);
            assertThat(letter.reason()).startsWith("late event").contains(String.valueOf(late.ts()));
            assertThat(letter.raw()).contains("\"event_id\":\"" + late.eventId() + "\"");
            ScoringTask task = ranker.only();
            assertThat(task.trigger()).isEqualTo(Trigger.COLD_START);
            assertThat(feature(task, 0, "user_plays_24h")).isZero();
            assertThat(task.videoIds()).as("a late play does not mark the video seen").contains("v-cand");
            assertThat(ranker.keysWithState(UserStateStore.STATE_NAME)).isEmpty();
        }
    }

    @Test
    void engagementJustWithinAllowedLatenessIsApplied() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            long watermark = T0 + HOUR;
            ranker.watermark(watermark);

            ranker.play("u1", "v-food", 5_000L, watermark - ALLOWED_LATENESS);
            ranker.request("r1", "u1", watermark, "v-cand");

            assertThat(ranker.deadLetters()).isEmpty();
            assertThat(feature(ranker.only(), 0, "user_plays_1h")).isEqualTo((float) Math.log1p(1));
        }
    }

    @Test
    void windowedCountsExpireWithTheirBucketsWhileTheProfileStays() throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults())) {
            ranker.play("u1", "v-food", 5_000L, T0);
            ranker.engage("u1", "v-food", Action.LIKE, null, T0 + MIN);
            assertThat(ranker.harness.numEventTimeTimers()).as("one expiry per window").isEqualTo(2);

            assertThat(ranker.userState("u1").counts.buckets).as("1h and 24h buckets").hasSize(2);

            ranker.watermark(T0 + 65 * MIN);
            assertThat(ranker.userState("u1").counts.buckets).as("the 24h bucket").hasSize(1);
            assertThat(ranker.harness.numEventTimeTimers()).isEqualTo(1);

            ranker.watermark(ALL_EXPIRED);
            assertThat(ranker.userState("u1").counts.buckets).isEmpty();
            assertThat(ranker.userState("u1").profile.engagements).as("the profile is kept until its TTL").isEqualTo(2);
            assertThat(ranker.harness.numEventTimeTimers()).isZero();

            ranker.request("r1", "u1", ALL_EXPIRED, "v-cand");
            ScoringTask task = ranker.only();
            assertThat(task.trigger()).isEqualTo(Trigger.REQUEST);
            assertThat(feature(task, 0, "user_plays_24h")).isZero();
            assertThat(feature(task, 0, "user_like_rate_24h")).isZero();
            // Profile tags food and travel weigh the same; v-cand shares one of its two tags.
            assertThat(feature(task, 0, "tag_cosine")).isCloseTo(0.5f, within(1e-6f));
            assertThat(feature(task, 0, "user_has_history")).isEqualTo(1f);
        }
    }

    /**
     * The two clocks that clear a user's state: event time (window buckets expire on their timers,
     * aligned inputs leave the buffer once applied) and the state TTL, which runs on processing
     * time from the user's last write and takes what is left, the profile.
     */
    @ParameterizedTest(name = "event-time aligned: {0}")
    @ValueSource(booleans = {false, true})
    void noKeyedStateOrTimerOutlivesItsExpiry(boolean aligned) throws Exception {
        try (RankingHarness ranker = withCatalog(RankingSettings.defaults().withEventTimeAligned(aligned))) {
            List<String> users = List.of("u1", "u2", "u3");
            ranker.harness.setStateTtlProcessingTime(0);
            ranker.play("u1", "v-food", 5_000L, T0);
            ranker.engage("u2", "v-share", Action.LIKE, null, T0 + MIN);
            ranker.play("u3", "v-cars", 1_000L, T0 + 2 * HOUR);
            ranker.request("r1", "u1", T0 + 3 * HOUR, "v-cand");
            if (aligned) {
                assertThat(ranker.keysWithState(PendingInputs.STATE_NAME)).containsExactlyInAnyOrderElementsOf(users);
            }

            long lastBucketExpiry = T0 + 2 * HOUR + 25 * HOUR;
            ranker.watermark(lastBucketExpiry);
            assertThat(ranker.only().trigger()).isEqualTo(Trigger.REQUEST);
            assertThat(ranker.harness.numEventTimeTimers()).isZero();
            assertThat(ranker.keysWithState(PendingInputs.STATE_NAME)).isEmpty();
            for (String user : users) {
                assertThat(ranker.userState(user).counts.buckets).as(user + "'s window buckets").isEmpty();
            }
            assertThat(ranker.numKeyedStateEntries()).as("the profiles, kept until the state TTL").isEqualTo(3);

            long back = lastBucketExpiry + MIN;
            ranker.harness.setStateTtlProcessingTime(ranker.settings.stateTtlMs() - 1);
            ranker.request("r2", "u1", back, "v-cand");
            ranker.watermark(back);
            assertThat(ranker.last().trigger()).as("the profile until its TTL").isEqualTo(Trigger.REQUEST);

            ranker.harness.setStateTtlProcessingTime(ranker.settings.stateTtlMs());
            for (String user : users) {
                ranker.request("r3-" + user, user, back + MIN, "v-cand");
            }
            ranker.watermark(back + MIN);
            assertThat(ranker.tasks()).hasSize(5);
            assertThat(ranker.tasks().subList(2, 5)).extracting(ScoringTask::trigger)
                    .as("past the TTL every user starts cold").containsOnly(Trigger.COLD_START);
            assertThat(ranker.numKeyedStateEntries()).as("expired values are dropped as they are read").isZero();
            assertThat(ranker.harness.numEventTimeTimers()).isZero();
        }
    }
}
