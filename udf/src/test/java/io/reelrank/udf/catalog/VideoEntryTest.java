package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import org.junit.jupiter.api.Test;

/** Stats as of a request's time: versions that arrived ahead of the watermark are never read early. */
class VideoEntryTest {
    private static final Video VIDEO = new Video("v1", "c1", java.util.List.of("a"), 1_000, 0L, new float[0], false);

    @Test
    void aRequestReadsTheNewestVersionAtOrBeforeItsTime() {
        VideoEntry entry = new VideoEntry(VIDEO, null)
                .withStats(stats(100), 50)
                .withStats(stats(300), 50)
                .withStats(stats(200), 50);

        assertThat(entry.statsAt(99)).as("nothing emitted by then").isNull();
        assertThat(entry.statsAt(100).asOfTs()).isEqualTo(100);
        assertThat(entry.statsAt(299).asOfTs()).isEqualTo(200);
        assertThat(entry.statsAt(1_000).asOfTs()).isEqualTo(300);
        assertThat(entry.latestStats().asOfTs()).isEqualTo(300);
    }

    @Test
    void versionsAtOrBeforeTheWatermarkCollapseIntoTheNewest() {
        VideoEntry entry = new VideoEntry(VIDEO, null)
                .withStats(stats(100), Long.MIN_VALUE)
                .withStats(stats(200), Long.MIN_VALUE)
                .withStats(stats(300), 250);

        assertThat(entry.stats().asOfTs()).isEqualTo(200);
        assertThat(entry.newer()).extracting(VideoStats::asOfTs).containsExactly(300L);
        assertThat(entry.withVideo(VIDEO).newer()).hasSize(1);
    }

    @Test
    void aStalledWatermarkThinsTheVersionsAheadButKeepsTheNewestAndNeverLosesAllOfThem() {
        VideoEntry entry = new VideoEntry(VIDEO, null);
        int count = VideoEntry.MAX_AHEAD + 1;
        for (int i = 1; i <= count; i++) {
            entry = entry.withStats(stats(i * 10L), Long.MIN_VALUE);
        }
        assertThat(entry.newer().length).isLessThanOrEqualTo(VideoEntry.MAX_AHEAD);
        assertThat(entry.latestStats().asOfTs()).isEqualTo(count * 10L);
        assertThat(entry.statsAt(25).asOfTs()).as("older than asked (20 was thinned out), not missing").isEqualTo(10);
        assertThat(entry.statsAt(count * 10L - 1)).isNotNull();
    }

    @Test
    void versionsTheWatermarkHasPassedSinceTheyArrivedCollapseLikeThoseOfAnUpdate() {
        VideoEntry ahead = new VideoEntry(VIDEO, null)
                .withStats(stats(100), Long.MIN_VALUE)
                .withStats(stats(200), Long.MIN_VALUE)
                .withStats(stats(300), Long.MIN_VALUE);

        VideoEntry settled = ahead.settledAt(250);

        assertThat(settled.stats().asOfTs()).isEqualTo(200);
        assertThat(settled.newer()).extracting(VideoStats::asOfTs).containsExactly(300L);
        for (long now : new long[] {250, 299, 300, 1_000}) {
            assertThat(settled.statsAt(now)).as("at %d", now).isSameAs(ahead.statsAt(now));
        }
        assertThat(ahead.settledAt(99)).as("nothing passed yet").isSameAs(ahead);
        assertThat(settled.settledAt(250)).isSameAs(settled);
        assertThat(ahead.settledAt(Long.MAX_VALUE).newer()).isEmpty();
    }

    private static VideoStats stats(long asOf) {
        EngagementCounts counts = new EngagementCounts();
        counts.add(io.reelrank.udf.contract.Action.PLAY, 500, 0.5f);
        return new VideoStats("v1", asOf, new EngagementCounts[] {counts}, 1.0, asOf);
    }
}
