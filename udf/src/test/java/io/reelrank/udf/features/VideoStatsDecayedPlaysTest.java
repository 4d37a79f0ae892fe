package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.catalog.VideoStatsFunction;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decayed play count of {@link VideoStatsFunction}: exact values, and what its state outlives. */
class VideoStatsDecayedPlaysTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long MIN = 60_000L;
    private static final long DAY = 24 * 60 * MIN;
    private static final long HALF_LIFE = 30 * DAY;

    private KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> harness;
    private int events;

    @BeforeEach
    void openHarness() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new VideoStatsFunction(FeatureStateSettings.defaults(), MIN, HALF_LIFE),
                Engagement::videoId, Video::videoId, Types.STRING);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void catalogedVideoKeepsItsDecayedPlaysAfterItsWindowsEmpty() throws Exception {
        catalog("v1");
        engage("v1", Action.PLAY, T0);
        engage("v1", Action.LIKE, T0 + MIN / 2);
        engage("v1", Action.PLAY, T0 + 10 * MIN);
        watermark(T0 + 2 * DAY);

        VideoStats expired = last();
        assertThat(expired.isEmpty()).as("both windows have expired").isTrue();
        assertThat(expired.decayedPlaysAsOfTs()).isEqualTo(T0 + 10 * MIN);
        assertThat(expired.decayedPlays()).as("likes do not count").isEqualTo(Math.pow(0.5, 10.0 * MIN / HALF_LIFE) + 1);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();

        engage("v1", Action.PLAY, T0 + 10 * MIN + HALF_LIFE);
        watermark(T0 + 10 * MIN + HALF_LIFE + MIN);

        VideoStats later = last();
        double expected = (Math.pow(0.5, 10.0 * MIN / HALF_LIFE) + 1) * 0.5 + 1;
        assertThat(later.decayedPlays()).isEqualTo(expected);
        assertThat(later.decayedPlaysAsOfTs()).isEqualTo(T0 + 10 * MIN + HALF_LIFE);
        assertThat(later.decayedPlaysAt(T0 + 10 * MIN + 2 * HALF_LIFE, HALF_LIFE)).isEqualTo(expected / 2);
    }

    @Test
    void unknownVideoLosesItsDecayedPlaysWithItsLastBucket() throws Exception {
        engage("v9", Action.PLAY, T0);
        watermark(T0 + MIN);
        assertThat(last().decayedPlays()).isEqualTo(1.0);

        watermark(T0 + 3 * DAY);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        engage("v9", Action.PLAY, T0 + 4 * DAY);
        watermark(T0 + 4 * DAY + MIN);
        assertThat(last().decayedPlays()).as("counted afresh, not 1 + 0.5^(4/30)").isEqualTo(1.0);
        assertThat(last().decayedPlaysAsOfTs()).isEqualTo(T0 + 4 * DAY);
    }

    @Test
    void alignedStatsAsOfATimeCountNothingAfterItEvenWhenItArrivedEarlier() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new VideoStatsFunction(FeatureStateSettings.defaults(), MIN, HALF_LIFE, true),
                Engagement::videoId, Video::videoId, Types.STRING);
        harness.open();
        catalog("v1");
        watermark(T0 - MIN);
        engage("v1", Action.PLAY, T0 + 10_000);
        engage("v1", Action.PLAY, T0 + 5 * MIN + 1); // read ahead, as a replay does
        watermark(T0 + 10 * MIN);

        List<VideoStats> out = harness.extractOutputValues();
        assertThat(out).extracting(VideoStats::asOfTs).containsExactly(T0 + MIN, T0 + 6 * MIN);
        assertThat(out.get(0).windows()[0].plays).as("as of T0+1min: only the first play").isEqualTo(1);
        assertThat(out.get(0).decayedPlays()).isEqualTo(1.0);
        assertThat(out.get(1).windows()[0].plays).isEqualTo(2);
    }

    private void catalog(String videoId) throws Exception {
        harness.processElement2(new Video(videoId, "c1", List.of("food"), 10_000, T0 - DAY, new float[0], false), T0);
    }

    private void engage(String videoId, Action action, long ts) throws Exception {
        Long watchMs = action == Action.PLAY ? 5_000L : null;
        harness.processElement1(new Engagement("e" + events++, "u1", videoId, action, watchMs, ts), ts);
    }

    private void watermark(long ts) throws Exception {
        harness.processBothWatermarks(new Watermark(ts));
    }

    private VideoStats last() {
        List<VideoStats> out = harness.extractOutputValues();
        assertThat(out).isNotEmpty();
        return out.get(out.size() - 1);
    }
}
