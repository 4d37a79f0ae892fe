package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoStats;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VideoStatsFunctionTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long SEC = 1000L;
    private static final long MIN = 60 * SEC;
    private static final long HOUR = 60 * MIN;
    /** Default windows: 1h in 5-minute buckets, 24h in 1-hour buckets. */
    private static final long ONE_HOUR_EXPIRY = T0 + 65 * MIN;
    private static final long ONE_DAY_EXPIRY = T0 + 25 * HOUR;

    private KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> harness;
    private int events;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new VideoStatsFunction(FeatureStateSettings.defaults(), MIN, 30 * 24 * HOUR),
                Engagement::videoId, Video::videoId, Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void emitsExactStatsAtMostOncePerEmitInterval() throws Exception {
        catalog("v1", 10_000);
        play("v1", 5_000, T0 + 10 * SEC);
        engage("v1", Action.LIKE, T0 + 20 * SEC);
        play("v1", 10_000, T0 + 30 * SEC);

        watermark(T0 + MIN - 1);
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(T0 + MIN);
        play("v1", 2_500, T0 + 70 * SEC);
        play("v1", 20_000, T0 + 80 * SEC);
        watermark(T0 + 2 * MIN - 1);
        watermark(T0 + 2 * MIN);
        watermark(T0 + 10 * MIN);

        List<StreamRecord<? extends VideoStats>> out = harness.extractOutputStreamRecords();
        assertThat(out).extracting(StreamRecord::getTimestamp).containsExactly(T0 + MIN, T0 + 2 * MIN);
        VideoStats first = out.get(0).getValue();
        assertThat(first.videoId()).isEqualTo("v1");
        assertThat(first.asOfTs()).isEqualTo(T0 + MIN);
        for (EngagementCounts window : first.windows()) {
            assertCounts(window, 2, 1, 15_000, (0.5f + 1f) / 2);
        }
        VideoStats second = out.get(1).getValue();
        for (EngagementCounts window : second.windows()) {
            assertCounts(window, 4, 1, 37_500, (0.5f + 1f + 0.25f + 1f) / 4);
        }
        assertThat(second.windows()[0].likeRate()).isEqualTo(1f / (4 + 1));
    }

    @Test
    void emitsOnEachBucketExpiryThenForgetsAVideoTheCatalogDoesNotKnow() throws Exception {
        play("v9", 3_000, T0 + 10 * SEC);
        watermark(T0 + MIN);
        assertThat(harness.numEventTimeTimers()).as("one expiry per window").isEqualTo(2);

        watermark(ONE_HOUR_EXPIRY - 1);
        assertThat(harness.extractOutputValues()).hasSize(1);

        watermark(ONE_HOUR_EXPIRY);
        VideoStats hourGone = last();
        assertThat(hourGone.asOfTs()).isEqualTo(ONE_HOUR_EXPIRY);
        assertThat(hourGone.windows()[0].isEmpty()).isTrue();
        assertCounts(hourGone.windows()[1], 1, 0, 3_000, 0f);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        watermark(ONE_DAY_EXPIRY);
        VideoStats allGone = last();
        assertThat(harness.extractOutputValues()).hasSize(3);
        assertThat(allGone.asOfTs()).isEqualTo(ONE_DAY_EXPIRY);
        assertThat(allGone.isEmpty()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void catalogVideoKeepsItsDurationButNoTimersAfterExpiry() throws Exception {
        catalog("v1", 10_000);
        play("v1", 10_000, T0);
        watermark(ONE_DAY_EXPIRY);

        assertThat(last().isEmpty()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();

        play("v1", 5_000, ONE_DAY_EXPIRY + SEC);
        watermark(ONE_DAY_EXPIRY + MIN);
        assertCounts(last().windows()[0], 1, 0, 5_000, 0.5f);
    }

    @Test
    void eventLateForTheShortWindowStillCountsInTheLongOne() throws Exception {
        watermark(T0 + 2 * HOUR);
        play("v1", 1_000, T0 + 10 * SEC);
        assertThat(harness.numEventTimeTimers()).as("24h expiry and one emit").isEqualTo(2);

        watermark(T0 + 2 * HOUR + MIN);

        VideoStats stats = last();
        assertThat(stats.asOfTs()).isEqualTo(T0 + 2 * HOUR + MIN);
        assertThat(stats.windows()[0].isEmpty()).isTrue();
        assertThat(stats.windows()[1].plays).isEqualTo(1);
    }

    @Test
    void eventTooLateForEveryWindowIsNotApplied() throws Exception {
        watermark(ONE_DAY_EXPIRY);
        play("v1", 1_000, T0 + HOUR - 1);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        watermark(ONE_DAY_EXPIRY + MIN);
        assertThat(harness.extractOutputValues()).isEmpty();

        // One millisecond later the event falls into the next 24h bucket, alive until T0 + 26h.
        play("v1", 1_000, T0 + HOUR);
        watermark(ONE_DAY_EXPIRY + 2 * MIN);
        assertThat(last().windows()[0].isEmpty()).isTrue();
        assertThat(last().windows()[1].plays).isEqualTo(1);
    }

    @Test
    void deletedCatalogRecordForgetsTheDurationAndTheVideoOnceItsBucketsExpire() throws Exception {
        catalog("v2", 10_000);
        play("v2", 5_000, T0 + 10 * SEC);
        harness.processElement2(deleted("v2"), T0 + 15 * SEC);
        play("v2", 5_000, T0 + 20 * SEC);
        watermark(T0 + MIN);

        assertCounts(last().windows()[1], 2, 0, 10_000, 0.5f);
        assertThat(last().windows()[1].completionPlays).as("duration unknown after the delete").isEqualTo(1);

        watermark(ONE_DAY_EXPIRY);
        assertThat(last().isEmpty()).isTrue();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void deletingAVideoWithoutActivityClearsItAtOnce() throws Exception {
        catalog("v3", 10_000);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processElement2(deleted("v3"), T0);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    private void catalog(String videoId, long durationMs) throws Exception {
        harness.processElement2(new Video(videoId, "c1", List.of("food"), durationMs, T0 - HOUR, new float[0], false), T0);
    }

    private static Video deleted(String videoId) {
        return new Video(videoId, null, null, 0, 0, null, true);
    }

    private void play(String videoId, long watchMs, long ts) throws Exception {
        harness.processElement1(new Engagement("e" + events++, "u1", videoId, Action.PLAY, watchMs, ts), ts);
    }

    private void engage(String videoId, Action action, long ts) throws Exception {
        harness.processElement1(new Engagement("e" + events++, "u1", videoId, action, null, ts), ts);
    }

    private void watermark(long ts) throws Exception {
        harness.processBothWatermarks(new Watermark(ts));
    }

    private VideoStats last() {
        List<VideoStats> out = harness.extractOutputValues();
        assertThat(out).isNotEmpty();
        return out.get(out.size() - 1);
    }

    private static void assertCounts(EngagementCounts counts, int plays, int likes, long watchMs, float completion) {
        assertThat(counts.plays).as("plays").isEqualTo(plays);
        assertThat(counts.likes).as("likes").isEqualTo(likes);
        assertThat(counts.watchMs).as("watch ms").isEqualTo(watchMs);
        assertThat(counts.completion()).as("completion").isEqualTo(completion);
    }
}
