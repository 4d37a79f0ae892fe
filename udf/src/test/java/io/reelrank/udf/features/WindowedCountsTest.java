package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowedCountsTest {

    /** 2026-01-01T00:00Z: a multiple of every bucket size used here. */
    private static final long T0 = 1_767_225_600_000L;
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private static final WindowSpec ONE_HOUR = WindowSpec.of("1h", Duration.ofHours(1), Duration.ofMinutes(5));
    private static final WindowSpec ONE_DAY = WindowSpec.of("24h", Duration.ofHours(24), Duration.ofHours(1));
    private static final WindowSpec[] BOTH = {ONE_HOUR, ONE_DAY};

    @Test
    void eventAtExactlyABucketStartOpensThatBucket() {
        assertThat(ONE_HOUR.bucketStart(T0)).isEqualTo(T0);
        assertThat(ONE_HOUR.bucketStart(T0 - 1)).isEqualTo(T0 - 5 * MIN);
        assertThat(ONE_HOUR.bucketStart(T0 + 5 * MIN - 1)).isEqualTo(T0);

        WindowSpec[] windows = {ONE_HOUR};
        WindowedCounts counts = new WindowedCounts();
        List<Long> expiries = new ArrayList<>();
        counts.add(windows, T0, Long.MIN_VALUE, Action.PLAY, 1000, -1f, expiries::add);

        assertThat(counts.buckets).hasSize(1);
        assertThat(counts.buckets[0].start).isEqualTo(T0);
        assertThat(expiries).containsExactly(T0 + 5 * MIN + HOUR);
    }

    @Test
    void bucketCountsUntilOneMillisecondBeforeItsExpiry() {
        WindowSpec[] windows = {ONE_HOUR};
        WindowedCounts counts = new WindowedCounts();
        counts.add(windows, T0 + 2 * MIN, Long.MIN_VALUE, Action.PLAY, 1000, -1f, expiry -> {});
        long expiry = ONE_HOUR.expiryOf(T0);

        assertThat(expiry).isEqualTo(T0 + 65 * MIN);
        assertThat(counts.totals(windows, T0 - 1)[0].plays).as("before the bucket starts").isZero();
        assertThat(counts.totals(windows, T0)[0].plays).isEqualTo(1);
        assertThat(counts.totals(windows, expiry - 1)[0].plays).isEqualTo(1);
        assertThat(counts.totals(windows, expiry)[0].plays).isZero();
    }

    @Test
    void oneEventFillsEveryWindowAtOnceAndReportsEachExpiry() {
        WindowedCounts counts = new WindowedCounts();
        List<Long> expiries = new ArrayList<>();
        long ts = T0 + 30 * MIN + 7;

        counts.add(BOTH, ts, Long.MIN_VALUE, Action.PLAY, 4000, 0.5f, expiries::add);
        counts.add(BOTH, ts + MIN, Long.MIN_VALUE, Action.LIKE, 0, -1f, expiries::add);

        assertThat(expiries).as("the second event lands in existing buckets")
                .containsExactly(T0 + 35 * MIN + HOUR, T0 + HOUR + 24 * HOUR);
        EngagementCounts[] now = counts.totals(BOTH, ts + 2 * MIN);
        for (EngagementCounts window : now) {
            assertThat(window.plays).isEqualTo(1);
            assertThat(window.likes).isEqualTo(1);
            assertThat(window.watchMs).isEqualTo(4000);
            assertThat(window.completion()).isEqualTo(0.5f);
        }
        EngagementCounts[] afterOneHour = counts.totals(BOTH, T0 + 35 * MIN + HOUR);
        assertThat(afterOneHour[0].isEmpty()).isTrue();
        assertThat(afterOneHour[1].plays).isEqualTo(1);
    }

    @Test
    void eventsInDifferentBucketsSumWithinTheWindow() {
        WindowedCounts counts = new WindowedCounts();
        counts.add(BOTH, T0, Long.MIN_VALUE, Action.PLAY, 0, -1f, e -> {});
        counts.add(BOTH, T0 + 10 * MIN, Long.MIN_VALUE, Action.PLAY, 0, -1f, e -> {});
        counts.add(BOTH, T0 + 2 * HOUR, Long.MIN_VALUE, Action.PLAY, 0, -1f, e -> {});

        assertThat(counts.buckets).as("3 one-hour buckets, 2 one-day buckets").hasSize(5);
        EngagementCounts[] totals = counts.totals(BOTH, T0 + 2 * HOUR + MIN);
        assertThat(totals[0].plays).isEqualTo(1);
        assertThat(totals[1].plays).isEqualTo(3);
    }

    @Test
    void skipsOnlyTheWindowsWhoseBucketExpiredAtTheWatermark() {
        WindowedCounts counts = new WindowedCounts();
        List<Long> expiries = new ArrayList<>();
        long watermark = T0 + 2 * HOUR;

        counts.add(BOTH, T0, watermark, Action.PLAY, 0, -1f, expiries::add);

        assertThat(counts.buckets).hasSize(1);
        assertThat(counts.buckets[0].window).isEqualTo(1);
        assertThat(expiries).containsExactly(T0 + 25 * HOUR);
        assertThat(counts.totals(BOTH, watermark)[1].plays).isEqualTo(1);
    }

    @Test
    void pruneDropsExactlyTheExpiredBuckets() {
        WindowedCounts counts = new WindowedCounts();
        counts.add(BOTH, T0, Long.MIN_VALUE, Action.PLAY, 0, -1f, e -> {});
        long oneHourExpiry = T0 + 65 * MIN;
        long oneDayExpiry = T0 + 25 * HOUR;

        assertThat(counts.prune(BOTH, oneHourExpiry - 1)).isTrue();
        assertThat(counts.buckets).hasSize(2);

        assertThat(counts.prune(BOTH, oneHourExpiry)).isTrue();
        assertThat(counts.buckets).hasSize(1);
        assertThat(counts.buckets[0].window).isEqualTo(1);

        assertThat(counts.prune(BOTH, oneDayExpiry - 1)).isTrue();
        assertThat(counts.prune(BOTH, oneDayExpiry)).isFalse();
        assertThat(counts.buckets).isEmpty();
    }
}
