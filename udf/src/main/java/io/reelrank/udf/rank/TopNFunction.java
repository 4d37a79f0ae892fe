package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Turns a scored request into its recommendation: the request's top {@code n} videos (see {@link
 * TopNSelector}) stamped with the model version that scored them and the wall-clock time they
 * leave the job, and, when there are fewer than {@code n}, the reason why ({@link
 * ShortLists#ofRecommendation}). {@code recommendationsShort} counts those, {@code itemsFilled}
 * the items filled in from the fallback.
 *
 * <p>Being the last operator, it measures what a user waits for: {@code eventToEmitMillis}
 * (emit time minus the request's event time: includes upstream delay and, when event-time
 * aligned, the watermark delay) and {@code ingestToEmitMillis} (emit time minus the moment the
 * request reached the ranker: the job's own share).
 *
 * <p>With {@code headScores}, each item also carries its values of a multi-head model's heads.
 */
public final class TopNFunction extends RichMapFunction<ScoredTask, Recommendation> {

    private static final long serialVersionUID = 1L;
    private static final int HISTOGRAM_WINDOW = 1024;

    private final int maxPerCreator;
    private final boolean headScores;

    private transient Counter recommendations;
    private transient Counter recommendationsShort;
    private transient Counter itemsFilled;
    private transient Histogram eventToEmitMillis;
    private transient Histogram ingestToEmitMillis;

    public TopNFunction(int maxPerCreator) {
        this(maxPerCreator, false);
    }

    public TopNFunction(int maxPerCreator, boolean headScores) {
        if (maxPerCreator < 1) {
            throw new IllegalArgumentException("maxPerCreator must be >= 1, got " + maxPerCreator);
        }
        this.maxPerCreator = maxPerCreator;
        this.headScores = headScores;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        recommendations = group.counter("recommendations");
        recommendationsShort = group.counter("recommendationsShort");
        itemsFilled = group.counter("itemsFilled");
        eventToEmitMillis = group.histogram("eventToEmitMillis", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        ingestToEmitMillis = group.histogram("ingestToEmitMillis", new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    @Override
    public Recommendation map(ScoredTask scored) {
        ScoringTask task = scored.task();
        long emitted = System.currentTimeMillis();
        recommendations.inc();
        eventToEmitMillis.update(emitted - task.eventTs());
        ingestToEmitMillis.update(emitted - task.ingestMillis());
        List<RecommendedItem> items = TopNSelector.select(task.videoIds(), task.creatorIds(), scored.scores(),
                task.n(), maxPerCreator, task.filledRows(), headScores ? scored.headNames() : null,
                headScores ? scored.heads() : null);
        String shortReason = ShortLists.ofRecommendation(task, scored.scores(), items.size(), maxPerCreator);
        if (shortReason != null) {
            recommendationsShort.inc();
        }
        for (RecommendedItem item : items) {
            itemsFilled.inc(item.filled() ? 1 : 0);
        }
        return new Recommendation(task.requestId(), task.userId(), task.trigger(), scored.modelVersion(),
                task.eventTs(), emitted, items, shortReason);
    }
}
