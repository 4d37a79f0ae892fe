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
 * Labels logged rows with what the user did next, keyed by (user, video) ({@link #key}): every
 * engagement except an impression at or after the request time and at most {@code horizon} later
 * goes into the row's example, which is positive when one of them is a positive action (by
 * default a play, like or share). A row is held until the watermark passes its horizon, so each
 * example carries everything that happened within it; examples therefore lag their rows by one
 * horizon of event time. Engagements are held for one horizon of event time too, because a row
 * can reach this operator after the engagement (scoring takes time, and the two streams are not
 * ordered). A row that arrives after its own horizon closed is labelled at once from the
 * engagements still held and counted in {@code lateRows}.
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
        // The name predates holding non-positive actions; it stays so that savepoints restore.
        engagements = getRuntimeContext().getListState(new ListStateDescriptor<>("positive-engagements", Engagement.class));
        lateRows = getRuntimeContext().getMetricGroup().counter("lateRows");
    }

    @Override
    public void processElement1(FeatureLogRow row, Context ctx, Collector<TrainingExample> out) throws Exception {
        long closes = row.eventTs() + horizonMs;
        if (closes <= ctx.timerService().currentWatermark()) {
            lateRows.inc();
            out.collect(label(row, engagements.get()));
            return;
        }
        rows.add(row);
        ctx.timerService().registerEventTimeTimer(closes);
    }

    @Override
    public void processElement2(Engagement engagement, Context ctx, Collector<TrainingExample> out) throws Exception {
        long released = engagement.ts() + horizonMs;
        // A horizon behind the watermark: every row it falls within has closed, so nothing needs it.
        if (!holds(engagement.action()) || released <= ctx.timerService().currentWatermark()) {
            return;
        }
        engagements.add(engagement);
        ctx.timerService().registerEventTimeTimer(released);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrainingExample> out) throws Exception {
        // Rows first: an engagement released at this timestamp still falls within a row closing now.
        Iterable<Engagement> held = engagements.get();
        List<FeatureLogRow> open = new ArrayList<>();
        for (FeatureLogRow row : rows.get()) {
            if (row.eventTs() + horizonMs <= timestamp) {
                out.collect(label(row, held));
            } else {
                open.add(row);
            }
        }
        rows.update(open);
        List<Engagement> kept = new ArrayList<>();
        for (Engagement engagement : held) {
            if (engagement.ts() + horizonMs > timestamp) {
                kept.add(engagement);
            }
        }
        engagements.update(kept);
    }

    /** The row's example from the engagements within its horizon; the earliest positive names the label. */
    private TrainingExample label(FeatureLogRow row, Iterable<Engagement> held) {
        List<Action> actions = new ArrayList<>();
        long watchMs = 0;
        Engagement firstPositive = null;
        for (Engagement engagement : held) {
            if (engagement.ts() < row.eventTs() || engagement.ts() > row.eventTs() + horizonMs) {
                continue;
            }
            if (engagement.action() != Action.IMPRESSION) {
                actions.add(engagement.action());
                watchMs = Math.max(watchMs, engagement.watchMsOrZero());
            }
            if (positive.contains(engagement.action()) && (firstPositive == null || earlier(engagement, firstPositive))) {
                firstPositive = engagement;
            }
        }
        return TrainingExample.of(row, firstPositive == null ? null : firstPositive.action(), actions, watchMs);
    }

    /** An impression is not an engagement with the video; it is held only where it is configured to label. */
    private boolean holds(Action action) {
        return action != Action.IMPRESSION || positive.contains(action);
    }

    /** Event time, then action code: the same engagements name the same label action in any arrival order. */
    private static boolean earlier(Engagement a, Engagement b) {
        return a.ts() < b.ts() || (a.ts() == b.ts() && a.action().code() < b.action().code());
    }
}
