package io.reelrank.job;

import io.reelrank.job.registry.BundledRegistry;
import io.reelrank.job.registry.BundledRegistryScorer;
import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.VideoStatsFunction;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.featurelog.FeatureLogRequest;
import io.reelrank.udf.featurelog.FeatureLogRequests;
import io.reelrank.udf.featurelog.FeatureLogRow;
import io.reelrank.udf.featurelog.FeatureLogRows;
import io.reelrank.udf.featurelog.LabelJoinFunction;
import io.reelrank.udf.featurelog.TrainingExample;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.ingest.DeadLetters;
import io.reelrank.udf.ingest.ParseFunction;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.rank.TopNFunction;
import io.reelrank.udf.rank.UserInput;
import io.reelrank.udf.rank.UserRankingFunction;
import io.reelrank.udf.scoring.BatchingScorer;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;

/**
 * The whole ReelRank topology and nothing else: it takes the three raw input streams from
 * whatever source the caller chose (Kafka, the generator, a test's collection) and returns
 * the recommendation and dead-letter streams (and the feature log, when enabled) for the caller
 * to sink. Tests run exactly this.
 */
public final class ReelRankWorkflow {
    private ReelRankWorkflow() {}

    /** The raw input streams, one per topic. */
    public record Inputs(DataStream<RawRecord> engagements, DataStream<RawRecord> videos,
                         DataStream<RawRecord> rankRequests) {}

    /** What the ranking stage produces before scoring, every dead letter so far, and the parsed engagements. */
    public record Features(DataStream<ScoringTask> scoringTasks, DataStream<DeadLetter> deadLetters,
                           DataStream<Engagement> engagements) {}

    /** The feature log is present when {@code reelrank.feature-log.enabled} is set. */
    public record Outputs(DataStream<Recommendation> recommendations, DataStream<DeadLetter> deadLetters,
                          Optional<FeatureLog> featureLog) {}

    /**
     * Every scored candidate as served, the same rows once labelled by what the user did next, and
     * each scored request's history as served.
     */
    public record FeatureLog(DataStream<FeatureLogRow> rows, DataStream<TrainingExample> examples,
                             DataStream<FeatureLogRequest> requests) {}

    public static Outputs define(Inputs inputs, JobSettings settings) {
        Features features = features(inputs, settings);
        DataStream<ScoredTask> scored = scored(features, settings);
        Optional<FeatureLog> featureLog = settings.featureLog().enabled()
                ? Optional.of(featureLog(scored, features.engagements(), settings))
                : Optional.empty();
        DataStream<DeadLetter> deadLetters = features.deadLetters().map(settings.privacy().deadLetters())
                .uid("dead-letter-redaction").name("dead letters: redact");
        return new Outputs(topN(scored, settings), deadLetters, featureLog);
    }

    private static DataStream<ScoredTask> scored(Features features, JobSettings settings) {
        return AsyncDataStream.unorderedWait(
                        features.scoringTasks(),
                        scorer(settings),
                        settings.scoringTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        settings.inFlightRequests())
                .uid("scorer").name("score (ONNX, micro-batched)");
    }

    /** A registry inside the job jar is copied to each TaskManager's disk before the scorer reads it. */
    private static AsyncFunction<ScoringTask, ScoredTask> scorer(JobSettings settings) {
        return BundledRegistry.isBundled(settings.model().registryRoot())
                ? new BundledRegistryScorer(settings.model(), settings.scorer())
                : new BatchingScorer(settings.model(), settings.scorer());
    }

    private static DataStream<Recommendation> topN(DataStream<ScoredTask> scored, JobSettings settings) {
        return scored.map(new TopNFunction(settings.ranking().maxPerCreator(), settings.headScores())).uid("top-n").name("top-n");
    }

    /**
     * Feature-log rows and request histories from the scorer's output, the rows labelled by a
     * (user, video) join with later engagements.
     */
    private static FeatureLog featureLog(DataStream<ScoredTask> scored, DataStream<Engagement> engagements,
                                         JobSettings settings) {
        DataStream<FeatureLogRow> rows = scored.flatMap(new FeatureLogRows(settings.spec().hash()))
                .uid("feature-log-rows").name("feature log rows");
        DataStream<TrainingExample> examples = rows
                .keyBy(row -> LabelJoinFunction.key(row.userId(), row.videoId()), Types.STRING)
                .connect(engagements.keyBy(e -> LabelJoinFunction.key(e.userId(), e.videoId()), Types.STRING))
                .process(new LabelJoinFunction(settings.featureLog().labelHorizon(), settings.featureLog().positiveActions()))
                .uid(LabelJoinFunction.UID).name("feature log label join");
        DataStream<FeatureLogRequest> requests = scored.flatMap(new FeatureLogRequests())
                .uid("feature-log-requests").name("feature log requests");
        return new FeatureLog(rows, examples, requests);
    }

    /**
     * Parsing, event time, video stats, catalog broadcast and per-user ranking up to scoring.
     * Parsing dead-letters events too far ahead of the wall clock before event time is assigned,
     * so none can move a watermark; engagements keep their origin up to the ranker, whose late
     * rule may still dead-letter them.
     */
    public static Features features(Inputs inputs, JobSettings settings) {
        Duration maxFutureSkew = settings.maxFutureSkew();
        ParseFunction<UserInput> engagementParser = ParseFunction.engagements()
                .withMaxFutureSkew(maxFutureSkew).withOrigin(UserInput.class, UserInput::of);
        SingleOutputStreamOperator<UserInput> parsedEngagements = inputs.engagements()
                .process(engagementParser).uid("parse-engagements").name("parse engagements");
        SingleOutputStreamOperator<Video> parsedVideos = inputs.videos()
                .process(ParseFunction.videos().withMaxFutureSkew(maxFutureSkew))
                .uid("parse-videos").name("parse videos");
        SingleOutputStreamOperator<RankRequest> parsedRequests = inputs.rankRequests()
                .process(ParseFunction.rankRequests().withMaxFutureSkew(maxFutureSkew))
                .uid("parse-rank-requests").name("parse rank requests");

        DataStream<UserInput> engagementInputs =
                withEventTime(parsedEngagements, (e, previous) -> e.ts(), settings, "engagements");
        DataStream<Engagement> engagements =
                engagementInputs.map(UserInput::engagement).returns(Engagement.class)
                .uid("engagements").name("engagements");
        DataStream<Video> videos = withEventTime(parsedVideos, (v, previous) -> v.publishedTs(), settings, "videos");
        DataStream<RankRequest> requests = withEventTime(parsedRequests, (r, previous) -> r.ts(), settings, "rank-requests");

        DataStream<VideoStats> videoStats = engagements.keyBy(Engagement::videoId)
                .connect(videos.keyBy(Video::videoId))
                .process(new VideoStatsFunction(settings.features(), settings.videoStatsInterval().toMillis(),
                        settings.spec().halfLifeMs(VideoStats.PLAYS_HALF_LIFE), settings.ranking().eventTimeAligned()))
                .uid(VideoStatsFunction.UID).name("video stats");

        BroadcastStream<CatalogUpdate> catalog = videos
                .map(CatalogUpdate::of).returns(CatalogUpdate.class).uid("catalog-updates").name("catalog updates")
                .union(videoStats.map(CatalogUpdate::of).returns(CatalogUpdate.class).uid("stats-updates")
                        .name("stats updates"))
                .broadcast(UserRankingFunction.CATALOG);

        SingleOutputStreamOperator<ScoringTask> tasks = engagementInputs
                .union(requests.map(UserInput::of).returns(UserInput.class).uid("request-input").name("request input"))
                .keyBy(UserInput::userId)
                .connect(catalog)
                .process(new UserRankingFunction(settings.features(), settings.ranking(), settings.spec()))
                .uid(UserRankingFunction.UID).name("user features + candidates");

        DataStream<DeadLetter> deadLetters = parsedEngagements.getSideOutput(DeadLetters.TAG)
                .union(parsedVideos.getSideOutput(DeadLetters.TAG),
                        parsedRequests.getSideOutput(DeadLetters.TAG),
                        tasks.getSideOutput(DeadLetters.TAG));
        return new Features(tasks, deadLetters, engagements);
    }

    private static <T> DataStream<T> withEventTime(DataStream<T> stream, SerializableTimestampAssigner<T> ts,
                                                   JobSettings settings, String name) {
        WatermarkStrategy<T> strategy = WatermarkStrategy.<T>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner(ts)
                .withIdleness(nonZero(settings.idleness()));
        return stream.assignTimestampsAndWatermarks(strategy).uid("watermarks-" + name).name("event time " + name);
    }

    private static Duration nonZero(Duration duration) {
        return duration.isZero() ? Duration.ofMillis(1) : duration;
    }
}
