package io.reelrank.udf.scoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The scorer's metrics, updated from its scoring threads: {@code candidatesScored}, {@code
 * batches}, histograms {@code batchRows} and {@code scoringLatencyMicros} (one native run), and
 * the gauge {@code modelVersion}.
 */
final class ScoringMetrics {

    private static final int HISTOGRAM_WINDOW = 1024;

    private final Counter candidatesScored;
    private final Counter batches;
    private final Histogram batchRows;
    private final Histogram scoringLatencyMicros;

    ScoringMetrics(MetricGroup group, String modelVersion) {
        candidatesScored = group.counter("candidatesScored", new ThreadSafeSimpleCounter());
        batches = group.counter("batches", new ThreadSafeSimpleCounter());
        batchRows = group.histogram("batchRows", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        scoringLatencyMicros =
                group.histogram("scoringLatencyMicros", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        group.gauge("modelVersion", (Gauge<String>) () -> modelVersion);
    }

    void recordBatch(int rows, long nanos) {
        candidatesScored.inc(rows);
        batches.inc();
        batchRows.update(rows);
        scoringLatencyMicros.update(nanos / 1_000);
    }
}
