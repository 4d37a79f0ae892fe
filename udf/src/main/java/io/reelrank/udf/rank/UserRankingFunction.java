package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.catalog.RankerCatalog;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.catalog.VideoEntrySerializer;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The per-user heart of ReelRank, keyed by user_id: engagements update the user's feature
 * state; a rank request (or every K-th engagement, when refresh is on) reads that state once,
 * joins the candidates with the broadcast catalog and video stats, drops unknown, deleted and
 * already-seen videos, and emits one {@link ScoringTask} holding all candidates' feature rows and the
 * user's last engagements.
 *
 * <p>This class routes the inputs and owns the state handles; the work is done by its parts: the
 * user's state ({@link UserStateStore}), the catalog on the broadcast side ({@link
 * RankerCatalog}), the event-time alignment buffer ({@link PendingInputs}), the late rule
 * ({@link LateEngagementPolicy}) and the feature rows ({@link CandidateRows}).
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
    /** How many of the newest videos per tag the catalog index offers to refreshes. */
    private static final int NEWEST_PER_TAG = 50;

    private final FeatureStateSettings stateSettings;
    private final RankingSettings rankingSettings;
    private final FeatureSpec spec;
    private transient UserStateStore userState;
    private transient PendingInputs pending;
    private transient LateEngagementPolicy lateness;
    private transient FeatureAssembler assembler;
    private transient RankerCatalog catalog;
    private transient RankingMetrics metrics;
    private transient ShortLists shortLists;
    private transient boolean restored;

    public UserRankingFunction(FeatureStateSettings stateSettings, RankingSettings rankingSettings, FeatureSpec spec) {
        this.stateSettings = stateSettings;
        this.rankingSettings = rankingSettings;
        this.spec = spec;
        new FeatureAssembler(spec, stateSettings); // fail at job build time, not on the cluster
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
        catalog.settle();
    }

    @Override
    public void open(OpenContext openContext) {
        userState = new UserStateStore(getRuntimeContext(), stateSettings, restored);
        pending = new PendingInputs(getRuntimeContext());
        lateness = new LateEngagementPolicy(stateSettings.allowedLatenessMs());
        assembler = new FeatureAssembler(spec, stateSettings);
        catalog = new RankerCatalog(assembler, stateSettings.windowIndex("1h"), NEWEST_PER_TAG);
        metrics = new RankingMetrics(getRuntimeContext().getMetricGroup());
        shortLists = new ShortLists(rankingSettings.fillShortLists(), rankingSettings.refreshCandidates());
    }

    @Override
    public void processElement(UserInput input, ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        catalog.observeWatermark(watermark);
        if (input.engagement() != null && lateness.isLate(input.engagement(), watermark)) {
            metrics.lateEvents.inc();
            ctx.output(DeadLetters.TAG, lateness.deadLetter(input.engagement(), input.origin(), watermark));
            return;
        }
        if (input.request() != null && input.ts() < watermark) {
            // Still answered, but video stats as of its time may have been superseded already.
            metrics.requestsBehindWatermark.inc();
        }
        if (rankingSettings.eventTimeAligned()) {
            pending.hold(input.withoutOrigin(), ctx.timerService()); // judged on arrival, no dead letter later
            return;
        }
        apply(input, watermark, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoringTask> out) throws Exception {
        catalog.observeWatermark(ctx.timerService().currentWatermark());
        if (rankingSettings.eventTimeAligned()) {
            for (UserInput input : pending.takeDue(timestamp)) {
                // As of the timer, not the watermark, so that how far the watermark leapt
                // cannot change which windows an input lands in.
                apply(input, timestamp, ctx, out);
            }
        }
        userState.expire(timestamp);
    }

    @Override
    public void processBroadcastElement(CatalogUpdate update, Context ctx, Collector<ScoringTask> out) throws Exception {
        BroadcastState<String, VideoEntry> entries = ctx.getBroadcastState(CATALOG);
        catalog(entries).apply(update, entries, ctx.currentWatermark());
    }

    /** Applies one input with event time at {@code now}: buckets expired by then are skipped. */
    private void apply(UserInput input, long now, ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        ReadOnlyBroadcastState<String, VideoEntry> entries = ctx.getBroadcastState(CATALOG);
        if (input.engagement() != null) {
            learn(input.engagement(), now, entries, ctx, out);
        } else {
            RankRequest request = input.request();
            UserFeatures user = userState.featuresAt(request.ts());
            Trigger trigger = user.hasHistory() ? Trigger.REQUEST : Trigger.COLD_START;
            int n = request.n() == null ? rankingSettings.defaultN() : request.n();
            emit(request.requestId(), request.userId(), trigger, request.ts(), n, request.candidates(), user, entries, out);
        }
    }

    private void learn(Engagement engagement, long now, ReadOnlyBroadcastState<String, VideoEntry> entries,
                       ReadOnlyContext ctx, Collector<ScoringTask> out) throws Exception {
        VideoEntry entry = entries.get(engagement.videoId());
        Video video = entry == null ? null : entry.video();
        if (video == null) {
            metrics.engagementsUnknownVideo.inc(); // still learnt: counts and the seen list need no catalog record
        }
        long engagements = userState.learn(engagement, video, now, ctx.timerService());
        if (rankingSettings.refreshEvery() > 0 && engagements % rankingSettings.refreshEvery() == 0) {
            refresh(engagement, entries, out);
        }
    }

    private void refresh(Engagement engagement, ReadOnlyBroadcastState<String, VideoEntry> entries,
                         Collector<ScoringTask> out) throws Exception {
        RankerCatalog lookups = catalog(entries);
        UserFeatures user = userState.featuresAt(engagement.ts());
        VideoEntry engaged = entries.get(engagement.videoId());
        List<String> tags = engaged == null || engaged.video() == null ? List.of() : engaged.video().tags();
        List<String> candidates = new ArrayList<>(lookups.candidates(tags, rankingSettings.refreshCandidates()));
        metrics.refreshes.inc();
        String requestId = "refresh-" + engagement.userId() + "-" + engagement.ts();
        emit(requestId, engagement.userId(), Trigger.REFRESH, engagement.ts(), rankingSettings.defaultN(),
                candidates, user, entries, out);
    }

    private void emit(String requestId, String userId, Trigger trigger, long eventTs, int n, List<String> candidates,
                      UserFeatures user, ReadOnlyBroadcastState<String, VideoEntry> entries,
                      Collector<ScoringTask> out) throws Exception {
        RankerCatalog lookups = catalog(entries);
        PreparedVideo[] prepared = lookups.prepared(candidates);
        CandidateRows rows = new CandidateRows(assembler, user, eventTs, candidates.size());
        for (int i = 0; i < prepared.length; i++) {
            rows.offer(candidates.get(i), prepared[i]);
        }
        metrics.record(trigger, candidates.size(), rows);
        int own = rows.rows();
        String shortReason = shortLists.complete(trigger, n, candidates, prepared, rows, lookups);
        metrics.recordFilled(rows.rows() - own);
        out.collect(new ScoringTask(requestId, userId, trigger, eventTs, n, rows.videoIds(), rows.creatorIds(),
                rows.matrix(), assembler.width(), System.currentTimeMillis(), rows.rows() - own, shortReason,
                rows.history()));
    }

    /** The catalog's lookups, built from broadcast state on first use after a (re)start. */
    private RankerCatalog catalog(ReadOnlyBroadcastState<String, VideoEntry> entries) throws Exception {
        if (catalog.buildFrom(entries)) {
            metrics.trackCatalog(catalog);
        }
        return catalog;
    }
}
