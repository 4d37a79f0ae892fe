package io.reelrank.udf.featurelog;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Labels logged rows with what the user did next, keyed by (user, video) ({@link #key}): a
 * positive action (by default a play, like or share) on the video at or after the request time
 * and at most {@code horizon} later makes the row a positive example, emitted as soon as both are here; a row whose horizon
 * the watermark passes without one becomes a negative example. Engagements are held for one
 * horizon of event time, because a row can reach this operator after the engagement (scoring
 * takes time, and the two streams are not ordered). A row that arrives after its own horizon
 * closed is labelled at once from the engagements still held and counted in {@code lateRows}.
 */
public class LabelJoinFunction extends KeyedCoProcessFunction<String, FeatureLogRow, Engagement, TrainingExample> {

    public static final String UID = "feature-log-label-join";
    /** What counts as the user wanting the video by default; impressions, comments, follows and skips do not. */
    public static final Set<Action> DEFAULT_POSITIVE = EnumSet.of(Action.PLAY, Action.LIKE, Action.SHARE);

    private final long horizonMs;
    private final EnumSet<Action> positive;
    private transient ListState<FeatureLogRow> rows;
    private transient ListState<Engagement> engagements;
    private transient Counter lateRows;

    public LabelJoinFunction(Duration horizon) {
        this(horizon, DEFAULT_POSITIVE);
    }

    public LabelJoinFunction(Duration horizon, Set<Action> positive) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("label horizon must be positive, got " + horizon);
        }
        if (positive.isEmpty()) {
            throw new IllegalArgumentException("no action would make a positive example");
        }
        this.horizonMs = horizon.toMillis();
        this.positive = EnumSet.copyOf(positive);
    }

    /** The key both inputs are partitioned by: one user's rows and engagements on one video. */
    public static String key(String userId, String videoId) {
        return userId + '\u0000' + videoId;
    }

    @Override
    public void open(OpenContext openContext) {
        rows = getRuntimeContext().getListState(new ListStateDescriptor<>("unlabelled-rows", FeatureLogRow.class));
        engagements = getRuntimeContext().getListState(new ListStateDescriptor<>("positive-engagements", Engagement.class));
        lateRows = getRuntimeContext().getMetricGroup().counter("lateRows");
    }

    @Override
    public void processElement1(FeatureLogRow row, Context ctx, Collector<TrainingExample> out) throws Exception {
        for (Engagement engagement : engagements.get()) {
            if (labels(row, engagement)) {
                out.collect(TrainingExample.positive(row, engagement.action().wireName()));
                return;
            }
        }
        long closes = row.eventTs() + horizonMs;
        if (closes <= ctx.timerService().currentWatermark()) {
            lateRows.inc();
            out.collect(TrainingExample.negative(row));
            return;
        }
        rows.add(row);
        ctx.timerService().registerEventTimeTimer(closes);
    }

    @Override
    public void processElement2(Engagement engagement, Context ctx, Collector<TrainingExample> out) throws Exception {
        if (!positive.contains(engagement.action())) {
            return;
        }
        List<FeatureLogRow> waiting = new ArrayList<>();
        for (FeatureLogRow row : rows.get()) {
            if (labels(row, engagement)) {
                out.collect(TrainingExample.positive(row, engagement.action().wireName()));
            } else {
                waiting.add(row);
            }
        }
        rows.update(waiting);
        long released = engagement.ts() + horizonMs;
        if (released > ctx.timerService().currentWatermark()) {
            engagements.add(engagement);
            ctx.timerService().registerEventTimeTimer(released);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrainingExample> out) throws Exception {
        List<FeatureLogRow> open = new ArrayList<>();
        for (FeatureLogRow row : rows.get()) {
            if (row.eventTs() + horizonMs <= timestamp) {
                out.collect(TrainingExample.negative(row));
            } else {
                open.add(row);
            }
        }
        rows.update(open);
        List<Engagement> held = new ArrayList<>();
        for (Engagement engagement : engagements.get()) {
            if (engagement.ts() + horizonMs > timestamp) {
                held.add(engagement);
            }
        }
        engagements.update(held);
    }

    private boolean labels(FeatureLogRow row, Engagement engagement) {
        return engagement.ts() >= row.eventTs() && engagement.ts() <= row.eventTs() + horizonMs;
    }
}
