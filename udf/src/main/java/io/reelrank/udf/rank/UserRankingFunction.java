package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.CatalogIndex;
import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.PreparedCatalog;
import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.catalog.VideoEntrySerializer;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-user heart of ReelRank, keyed by user_id: engagements update the user's feature
 * state; a rank request (or every K-th engagement, when refresh is on) reads that state once,
 * joins the candidates with the broadcast catalog and video stats, drops unknown, deleted and
 * already-seen videos, and emits one {@link ScoringTask} holding all candidates' feature rows.
 *
 * <p>Late rule: an engagement that arrives older than the watermark minus the allowed lateness
 * is not applied; it is counted ({@code lateEvents}) and sent to the dead-letter output.
 * Engagements within the allowed lateness are applied to every window whose bucket is still
 * alive. Lateness is judged on arrival in both modes: an event-time-aligned input waits for the
 * watermark, which may have leapt far past it by then without the input having been late.
 */
public class UserRankingFunction extends KeyedBroadcastProcessFunction<String, UserInput, CatalogUpdate, ScoringTask>
        implements CheckpointedFunction {

    public static final String UID = "user-ranking";
    /**
     * The catalog as every ranker holds it, and every ranker writes whole on every checkpoint.
     * Entries are replaced, never changed, so checkpoints share them instead of deep-copying the
     * whole catalog on the task thread, and they are written in a layout of their own
     * ({@link VideoEntrySerializer}; catalogs written with the POJO serializer restore).
     */
    public static final MapStateDescriptor<String, VideoEntry> CATALOG =
            new MapStateDescriptor<>("catalog", StringSerializer.INSTANCE, VideoEntrySerializer.INSTANCE);

    private final FeatureSettings featureSettings;
    private final RankingSettings rankingSettings;
    private final FeatureSpec spec;
    private transient UserFeatureState userState;
    private transient ListState<UserInput> pending;
    private transient FeatureAssembler assembler;
    private transient CatalogIndex index;
    private transient PreparedCatalog prepared;
    private transient RankingMetrics metrics;
    private transient boolean restored;
    // For settleCatalog: the broadcast state as the broadcast side writes it, and the newest
    // watermark any callback saw (the operator's own may be ahead of it, never behind).
    private transient BroadcastState<String, VideoEntry> catalogState;
    private transient long watermark = Long.MIN_VALUE;

    public UserRankingFunction(FeatureSettings featureSettings, RankingSettings rankingSettings, FeatureSpec spec) {
        this.featureSettings = featureSettings;
        this.rankingSettings = rankingSettings;
        this.spec = spec;
        new FeatureAssembler(spec, featureSettings); // fail at job build time, not on the cluster
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // Called before open(): a restored job may hold the user state in its older layout.
        restored = context.isRestored();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        // All of this function's state is Flink-managed keyed and broadcast state; the
        // operator writes it right after this call.
        settleCatalog();
    }

    @Override
    public void open(OpenContext openContext) {
        userState = new UserFeatureState(getRuntimeContext(), featureSettings, restored);
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending-inputs", UserInput.class));
        assembler = new FeatureAssembler(spec, featureSettings);
        metrics = new RankingMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(UserInput input, ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        watermark = Math.max(watermark, ctx.timerService().currentWatermark());
        if (input.engagement() != null && rejectedAsLate(input.engagement(), ctx)) {
            return;
        }
        if (input.request() != null && input.ts() < ctx.timerService().currentWatermark()) {
            // Still answered, but video stats as of its time may have been superseded already.
            metrics.requestsBehindWatermark.inc();
        }
        if (rankingSettings.eventTimeAligned()) {
            pending.add(input);
            ctx.timerService().registerEventTimeTimer(input.ts());
            return;
        }
        apply(input, ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoringTask> out) throws Exception {
        watermark = Math.max(watermark, ctx.timerService().currentWatermark());
        if (rankingSettings.eventTimeAligned()) {
            List<UserInput> due = new ArrayList<>();
            List<UserInput> later = new ArrayList<>();
            for (UserInput input : pending.get()) {
                (input.ts() <= timestamp ? due : later).add(input);
            }
            if (!due.isEmpty()) {
                pending.update(later);
                due.sort(UserInput.EVENT_TIME_ORDER);
                for (UserInput input : due) {
                    // As of the timer, not the watermark, so that how far the watermark leapt
                    // cannot change which windows an input lands in.
                    apply(input, timestamp, ctx, out);
                }
            }
        }
        userState.expire(timestamp);
    }

    @Override
    public void processBroadcastElement(CatalogUpdate update, Context ctx, Collector<ScoringTask> out) throws Exception {
        BroadcastState<String, VideoEntry> catalog = ctx.getBroadcastState(CATALOG);
        catalogState = catalog;
        watermark = Math.max(watermark, ctx.currentWatermark());
        ensureIndex(catalog);
        VideoEntry next = update.applyTo(catalog.get(update.videoId()), ctx.currentWatermark());
        if (next == null) {
            catalog.remove(update.videoId());
        } else {
            catalog.put(update.videoId(), next);
        }
        index.update(update.videoId(), next, update.video() != null);
        prepared.update(update.videoId(), next);
    }

    /**
     * Collapses the stats versions that arrived ahead of the watermark and are behind it now
     * ({@link VideoEntry#settledAt}), before a checkpoint writes the catalog. {@link
     * VideoEntry#withStats} does the same, but only for a video that gets new stats: a video
     * whose engagements all came before the requests caught up (a replay, a job's start-up)
     * kept every version it got ahead, up to {@link VideoEntry#MAX_AHEAD}, and every checkpoint
     * wrote all of them (4.1 versions per video in the benchmark's latency run, 1.8 with this;
     * the one left ahead is mostly the newest, after the watermark). The inputs the ranker has
     * yet to apply are all after the watermark, for which the collapsed entry reads the same
     * stats; an arrival-order request behind the watermark reads the newest settled version, as
     * after {@code withStats}. Like {@code withStats}, the result depends on this instance's
     * watermark, not only on the broadcast. On the task thread, as every access to the broadcast
     * state; one pass over the catalog per checkpoint, allocating only for entries it collapses.
     */
    private void settleCatalog() throws Exception {
        if (catalogState == null || watermark == Long.MIN_VALUE) {
            return; // nothing broadcast since the (re)start, or no watermark yet
        }
        List<Map.Entry<String, VideoEntry>> settled = new ArrayList<>();
        for (Map.Entry<String, VideoEntry> entry : catalogState.immutableEntries()) {
            VideoEntry now = entry.getValue().settledAt(watermark);
            if (now != entry.getValue()) {
                settled.add(Map.entry(entry.getKey(), now));
            }
        }
        for (Map.Entry<String, VideoEntry> entry : settled) {
            catalogState.put(entry.getKey(), entry.getValue());
            if (prepared != null) { // its columns are per version; the catalog index reads only the newest stats
                prepared.update(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Applies one input with event time at {@code now}: buckets expired by then are skipped. */
    private void apply(UserInput input, long now, ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        ReadOnlyBroadcastState<String, VideoEntry> catalog = ctx.getBroadcastState(CATALOG);
        if (input.engagement() != null) {
            learn(input.engagement(), now, catalog, ctx, out);
        } else {
            RankRequest request = input.request();
            UserFeatures user = userState.features(request.ts());
            Trigger trigger = user.hasHistory() ? Trigger.REQUEST : Trigger.COLD_START;
            int n = request.n() == null ? rankingSettings.defaultN() : request.n();
            emit(request.requestId(), request.userId(), trigger, request.ts(), n, request.candidates(), user, catalog, out);
        }
    }

    /** Dead-letters an engagement beyond the allowed lateness; returns whether it did. */
    private boolean rejectedAsLate(Engagement engagement, ReadOnlyContext ctx) {
        long watermark = ctx.timerService().currentWatermark();
        // Added to ts, not subtracted from the watermark: before the first watermark it is
        // Long.MIN_VALUE, and the subtraction would overflow and make every engagement late.
        if (engagement.ts() + featureSettings.allowedLatenessMs() >= watermark) {
            return false;
        }
        metrics.lateEvents.inc();
        RawRecord raw = RawRecord.of(Topics.ENGAGEMENTS, -1, Json.toBytes(engagement));
        ctx.output(DeadLetters.TAG, DeadLetters.of(raw, "late event: ts " + engagement.ts()
                + " is more than the allowed lateness of " + featureSettings.allowedLatenessMs()
                + " ms behind the watermark " + watermark, System.currentTimeMillis()));
        return true;
    }

    private void learn(Engagement engagement, long now, ReadOnlyBroadcastState<String, VideoEntry> catalog,
                       ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        VideoEntry entry = catalog.get(engagement.videoId());
        Video video = entry == null ? null : entry.video();
        long engagements = userState.learn(engagement, video, now, ctx.timerService());
        if (rankingSettings.refreshEvery() > 0 && engagements % rankingSettings.refreshEvery() == 0) {
            refresh(engagement, catalog, ctx, out);
        }
    }

    private void refresh(Engagement engagement, ReadOnlyBroadcastState<String, VideoEntry> catalog,
                         ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        ensureIndex(catalog);
        UserFeatures user = userState.features(engagement.ts());
        VideoEntry engaged = catalog.get(engagement.videoId());
        List<String> tags = engaged == null || engaged.video() == null ? List.of() : engaged.video().tags();
        List<String> candidates = new ArrayList<>(index.candidates(tags, rankingSettings.refreshCandidates()));
        metrics.refreshes.inc();
        String requestId = "refresh-" + engagement.userId() + "-" + engagement.ts();
        emit(requestId, engagement.userId(), Trigger.REFRESH, engagement.ts(), rankingSettings.defaultN(),
                candidates, user, catalog, out);
    }

    private void emit(String requestId, String userId, Trigger trigger, long eventTs, int n, List<String> candidates,
                      UserFeatures user, ReadOnlyBroadcastState<String, VideoEntry> catalog,
                      Collector<ScoringTask> out) throws Exception {
        // All lookups first, then all rows: each lookup waits on cache misses in the catalog map,
        // and in a loop of their own the CPU overlaps those of neighbouring candidates.
        ensureIndex(catalog);
        PreparedVideo[] entries = new PreparedVideo[candidates.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = prepared.get(candidates.get(i));
        }
        CandidateRows rows = new CandidateRows(assembler, user, eventTs, candidates.size());
        for (int i = 0; i < entries.length; i++) {
            rows.offer(candidates.get(i), entries[i]);
        }
        metrics.record(trigger, candidates.size(), rows);
        out.collect(new ScoringTask(requestId, userId, trigger, eventTs, n, rows.videoIds(), rows.creatorIds(),
                rows.matrix(), assembler.width(), System.currentTimeMillis()));
    }

    private void ensureIndex(ReadOnlyBroadcastState<String, VideoEntry> catalog) throws Exception {
        if (index != null) {
            return;
        }
        index = new CatalogIndex(featureSettings.windowIndex("1h"), 50);
        prepared = new PreparedCatalog(assembler);
        for (Map.Entry<String, VideoEntry> entry : catalog.immutableEntries()) {
            index.update(entry.getKey(), entry.getValue(), true);
            prepared.update(entry.getKey(), entry.getValue());
        }
        metrics.trackCatalog(index);
    }

    /** The counters a dashboard reads, in the operator's metric group. */
    private static final class RankingMetrics {
        final Counter requests;
        final Counter coldStarts;
        final Counter refreshes;
        final Counter lateEvents;
        final Counter requestsBehindWatermark;
        final Counter candidatesIn;
        final Counter candidatesUnknown;
        final Counter candidatesDeleted;
        final Counter candidatesSeen;
        private final MetricGroup group;
        private boolean catalogGaugeRegistered;

        RankingMetrics(MetricGroup group) {
            this.group = group;
            requests = group.counter("requests");
            coldStarts = group.counter("coldStarts");
            refreshes = group.counter("refreshes");
            lateEvents = group.counter("lateEvents");
            requestsBehindWatermark = group.counter("requestsBehindWatermark");
            candidatesIn = group.counter("candidatesIn");
            candidatesUnknown = group.counter("candidatesDroppedUnknown");
            candidatesDeleted = group.counter("candidatesDroppedDeleted");
            candidatesSeen = group.counter("candidatesDroppedSeen");
        }

        void record(Trigger trigger, int offered, CandidateRows rows) {
            requests.inc();
            if (trigger == Trigger.COLD_START) {
                coldStarts.inc();
            }
            candidatesIn.inc(offered);
            candidatesUnknown.inc(rows.unknown);
            candidatesDeleted.inc(rows.deleted);
            candidatesSeen.inc(rows.seen);
        }

        void trackCatalog(CatalogIndex index) {
            if (!catalogGaugeRegistered) {
                group.gauge("catalogIndexedVideos", index::size);
                catalogGaugeRegistered = true;
            }
        }
    }
}
