package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.VideoActivity;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.features.WindowSpec;
import io.reelrank.udf.state.VideoActivitySerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Windowed per-video engagement stats, keyed by video_id: engagements on the first input, the
 * catalog on the second (for durations, so completion can be computed). Stats are emitted at
 * most once per {@code emitIntervalMs} of event time per video, and again whenever buckets
 * expire, so the broadcast that carries them to the rankers stays small and true. Besides the
 * windows, each video keeps its plays as a {@link DecayedCount} with the feature spec's
 * half-life (long-term popularity, which outlives the windows). State of a video the catalog
 * does not know is cleared once its last bucket has expired, decayed count included; a
 * catalogued video keeps it.
 *
 * <p>Event-time aligned (the replay mode), an engagement is held until the watermark reaches its
 * time and applied by a timer, so stats emitted as of T count exactly the engagements at or
 * before T. Otherwise it is applied on arrival, and stats as of T may already count engagements a
 * little after T (at most the out-of-orderness); a replay, whose input runs far ahead of event
 * time, would then show rankers plays from their requests' future.
 */
public class VideoStatsFunction extends KeyedCoProcessFunction<String, Engagement, Video, VideoStats> {

    public static final String UID = "video-stats";

    private final FeatureStateSettings settings;
    private final long emitIntervalMs;
    private final long playsHalfLifeMs;
    private final boolean eventTimeAligned;
    private transient ValueState<VideoActivity> activity;
    private transient ListState<Engagement> pending;
    private transient Counter tooLateForWindows;

    /**
     * @param playsHalfLifeMs half-life of the decayed play count: the feature spec's {@link
     *     VideoStats#PLAYS_HALF_LIFE}, which the rankers decay it with
     */
    public VideoStatsFunction(FeatureStateSettings settings, long emitIntervalMs, long playsHalfLifeMs) {
        this(settings, emitIntervalMs, playsHalfLifeMs, false);
    }

    /** @param eventTimeAligned apply each engagement when the watermark reaches its time */
    public VideoStatsFunction(FeatureStateSettings settings, long emitIntervalMs, long playsHalfLifeMs,
                              boolean eventTimeAligned) {
        if (emitIntervalMs <= 0 || playsHalfLifeMs <= 0) {
            throw new IllegalArgumentException("stats emit interval and plays half-life must be positive");
        }
        this.settings = settings;
        this.emitIntervalMs = emitIntervalMs;
        this.playsHalfLifeMs = playsHalfLifeMs;
        this.eventTimeAligned = eventTimeAligned;
    }

    /** The video's activity, with its hand-written serializer: read and written on every engagement. */
    static ValueStateDescriptor<VideoActivity> activityState() {
        return new ValueStateDescriptor<>("video-activity", VideoActivitySerializer.INSTANCE);
    }

    @Override
    public void open(OpenContext openContext) {
        activity = getRuntimeContext().getState(activityState());
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending-engagements", Engagement.class));
        tooLateForWindows = getRuntimeContext().getMetricGroup().counter("videoEventsTooLateForWindows");
    }

    @Override
    public void processElement1(Engagement engagement, Context ctx, Collector<VideoStats> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (!coveredByAnyWindow(engagement.ts(), watermark)) {
            tooLateForWindows.inc();
            return;
        }
        if (eventTimeAligned && engagement.ts() > watermark) {
            pending.add(engagement);
            ctx.timerService().registerEventTimeTimer(engagement.ts());
            return;
        }
        apply(engagement, watermark, ctx.timerService());
    }

    private void apply(Engagement engagement, long now, TimerService timers) throws Exception {
        VideoActivity current = valueOrNew();
        current.counts.add(settings.windows(), engagement.ts(), now, engagement.action(),
                engagement.watchMsOrZero(), current.completionOf(engagement.watchMsOrZero()),
                timers::registerEventTimeTimer);
        if (engagement.action() == Action.PLAY) {
            current.addDecayedPlay(engagement.ts(), playsHalfLifeMs);
        }
        if (!current.changed) {
            current.changed = true;
            timers.registerEventTimeTimer(nextEmitTime(Math.max(engagement.ts(), now)));
        }
        activity.update(current);
    }

    @Override
    public void processElement2(Video video, Context ctx, Collector<VideoStats> out) throws Exception {
        VideoActivity current = activity.value();
        if (video.deleted()) {
            if (current != null && current.counts.buckets.length == 0) {
                activity.clear();
            } else if (current != null) {
                current.durationMs = 0;
                activity.update(current);
            }
            return;
        }
        current = current == null ? new VideoActivity() : current;
        current.durationMs = video.durationMs();
        activity.update(current);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoStats> out) throws Exception {
        if (eventTimeAligned) {
            applyDue(timestamp, ctx.timerService());
        }
        VideoActivity current = activity.value();
        if (current == null) {
            return;
        }
        int before = current.counts.buckets.length;
        boolean anyLeft = current.counts.prune(settings.windows(), timestamp);
        boolean expired = current.counts.buckets.length != before;
        boolean emitDue = current.changed && timestamp % emitIntervalMs == 0;
        if (expired || emitDue) {
            out.collect(new VideoStats(ctx.getCurrentKey(), timestamp, current.counts.totals(settings.windows(), timestamp),
                    current.decayedPlays, current.decayedPlaysAsOfTs));
            current.changed = false;
        }
        if (!anyLeft && current.durationMs == 0) {
            activity.clear();
        } else {
            activity.update(current);
        }
    }

    /** Applies the held engagements at or before {@code timestamp}, in event-time order. */
    private void applyDue(long timestamp, TimerService timers) throws Exception {
        List<Engagement> due = new ArrayList<>();
        List<Engagement> later = new ArrayList<>();
        for (Engagement engagement : pending.get()) {
            (engagement.ts() <= timestamp ? due : later).add(engagement);
        }
        if (due.isEmpty()) {
            return;
        }
        pending.update(later);
        due.sort(Comparator.comparingLong(Engagement::ts));
        for (Engagement engagement : due) {
            apply(engagement, timestamp, timers);
        }
    }

    private long nextEmitTime(long ts) {
        return (Math.floorDiv(ts, emitIntervalMs) + 1) * emitIntervalMs;
    }

    private boolean coveredByAnyWindow(long ts, long watermark) {
        for (WindowSpec window : settings.windows()) {
            if (window.expiryOf(window.bucketStart(ts)) > watermark) {
                return true;
            }
        }
        return false;
    }

    private VideoActivity valueOrNew() throws Exception {
        VideoActivity current = activity.value();
        return current == null ? new VideoActivity() : current;
    }
}
