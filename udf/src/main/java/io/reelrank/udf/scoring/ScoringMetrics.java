package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.model.ModelWatcher;
import io.reelrank.udf.model.VersionOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The scorer's metrics, updated from its scoring threads and the model watcher's poller:
 *
 * <ul>
 *   <li>{@code candidatesScored}, {@code batches}, histograms {@code batchRows} and {@code
 *       scoringLatencyMicros} (one native run);
 *   <li>per head of a multi-head model, in group {@code head=<name>}: gauge {@code lastBatchMean},
 *       the head's mean value over the last batch (registered when a model with that head first
 *       scores; a head a later model lacks keeps its last value);
 *   <li>model lifecycle: gauges {@code modelVersion} (e.g. {@code ranker/3}) and {@code
 *       modelVersionNumber} (3; -1 for a non-numeric version, for reporters such as Prometheus
 *       that export every string gauge as 0), counters {@code modelSwaps} and {@code
 *       modelRejections}, gauge {@code lastModelRejection} (the version and reason), gauge {@code
 *       modelPointerRejected} (1 while {@code CURRENT} or the shadow pointer names a version that is
 *       missing or rejected, else 0);
 *   <li>shadow scoring: gauges {@code shadowModelVersion} and {@code shadowModelVersionNumber}
 *       (-1 without a shadow), counters {@code shadowBatches} and
 *       {@code shadowFailures}, gauges over the last {@value #WINDOW} requests {@code
 *       shadowRankCorrelation} (Spearman, serving top-N), {@code shadowTopNOverlap}, and {@code
 *       shadowMeanScoreShift} (shadow minus serving).
 * </ul>
 *
 * <p>The watcher is shared by the slots of a TaskManager, so every subtask there counts the
 * same swaps and rejections: read them per TaskManager, not summed over subtasks. A subtask that
 * subscribes to a running watcher starts from the watcher's counts ({@link #joined}); after a
 * restart that stopped the watcher, the counts begin again at the new watcher's start, whose
 * rejections they include.
 */
final class ScoringMetrics implements ModelWatcher.Listener {

    private static final int WINDOW = 1024;

    private final Counter candidatesScored;
    private final Counter batches;
    private final Histogram batchRows;
    private final Histogram scoringLatencyMicros;
    private final Counter modelSwaps;
    private final Counter modelRejections;
    private final Counter shadowBatches;
    private final Counter shadowFailures;
    private final RollingMean shadowRankCorrelation = new RollingMean(WINDOW);
    private final RollingMean shadowTopNOverlap = new RollingMean(WINDOW);
    private final RollingMean shadowMeanScoreShift = new RollingMean(WINDOW);
    private volatile String lastRejection = "";
    private final MetricGroup group;
    private final Map<String, AtomicReference<Double>> headMeans = new ConcurrentHashMap<>();

    /** {@code watcher} is the scorer's watcher, null until it has subscribed. */
    ScoringMetrics(MetricGroup group, Supplier<ModelWatcher<?>> watcher) {
        this.group = group;
        Supplier<ModelVersion> serving = () -> read(watcher, ModelWatcher::servingVersion);
        Supplier<ModelVersion> shadow = () -> read(watcher, ModelWatcher::shadowVersion);
        candidatesScored = group.counter("candidatesScored", new ThreadSafeSimpleCounter());
        batches = group.counter("batches", new ThreadSafeSimpleCounter());
        batchRows = group.histogram("batchRows", new DescriptiveStatisticsHistogram(WINDOW));
        scoringLatencyMicros = group.histogram("scoringLatencyMicros", new DescriptiveStatisticsHistogram(WINDOW));
        modelSwaps = group.counter("modelSwaps", new ThreadSafeSimpleCounter());
        modelRejections = group.counter("modelRejections", new ThreadSafeSimpleCounter());
        group.gauge("modelVersion", (Gauge<String>) () -> String.valueOf(serving.get()));
        group.gauge("modelVersionNumber", (Gauge<Long>) () -> versionNumber(serving.get()));
        group.gauge("lastModelRejection", (Gauge<String>) () -> lastRejection);
        group.gauge("modelPointerRejected",
                (Gauge<Integer>) () -> Boolean.TRUE.equals(read(watcher, ModelWatcher::pointerUnusable)) ? 1 : 0);
        shadowBatches = group.counter("shadowBatches", new ThreadSafeSimpleCounter());
        shadowFailures = group.counter("shadowFailures", new ThreadSafeSimpleCounter());
        group.gauge("shadowModelVersion", (Gauge<String>) () -> String.valueOf(shadow.get()));
        group.gauge("shadowModelVersionNumber", (Gauge<Long>) () -> versionNumber(shadow.get()));
        group.gauge("shadowRankCorrelation", (Gauge<Double>) shadowRankCorrelation::mean);
        group.gauge("shadowTopNOverlap", (Gauge<Double>) shadowTopNOverlap::mean);
        group.gauge("shadowMeanScoreShift", (Gauge<Double>) shadowMeanScoreShift::mean);
    }

    void recordBatch(int rows, long nanos) {
        candidatesScored.inc(rows);
        batches.inc();
        batchRows.update(rows);
        scoringLatencyMicros.update(nanos / 1_000);
    }

    /** Each head's mean over the batch; nothing for a single-output model. */
    void recordHeads(BatchScores scores) {
        if (scores.heads() == null || scores.rows() == 0) {
            return;
        }
        for (int h = 0; h < scores.heads().length; h++) {
            double sum = 0;
            for (float value : scores.heads()[h]) {
                sum += value;
            }
            headMean(scores.headNames()[h]).set(sum / scores.rows());
        }
    }

    private AtomicReference<Double> headMean(String head) {
        return headMeans.computeIfAbsent(head, name -> {
            AtomicReference<Double> mean = new AtomicReference<>(Double.NaN);
            group.addGroup("head", name).gauge("lastBatchMean", (Gauge<Double>) mean::get);
            return mean;
        });
    }

    void recordShadowBatch() {
        shadowBatches.inc();
    }

    void recordShadow(ShadowComparison comparison) {
        shadowRankCorrelation.add(comparison.spearmanTopN());
        shadowTopNOverlap.add(comparison.topNOverlap());
        shadowMeanScoreShift.add(comparison.meanScoreShift());
    }

    void recordShadowFailure() {
        shadowFailures.inc();
    }

    @Override
    public void joined(long swaps, long rejections, String lastRejection) {
        modelSwaps.inc(swaps);
        modelRejections.inc(rejections);
        this.lastRejection = lastRejection;
    }

    @Override
    public void swapped(ModelVersion from, ModelVersion to) {
        modelSwaps.inc();
    }

    @Override
    public void rejected(String version, String reason) {
        // The reason first: a reader that sees the count also sees why.
        lastRejection = version + ": " + reason;
        modelRejections.inc();
    }

    private static <T> T read(Supplier<ModelWatcher<?>> watcher, Function<ModelWatcher<?>, T> field) {
        ModelWatcher<?> current = watcher.get();
        return current == null ? null : field.apply(current);
    }

    private static long versionNumber(ModelVersion version) {
        if (version == null || !VersionOrder.isNumeric(version.version()) || version.version().length() > 18) {
            return -1;
        }
        return Long.parseLong(version.version());
    }
}
