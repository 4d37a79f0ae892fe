package io.reelrank.udf.parity;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.VideoStatsFunction;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.VideoStats;
import io.reelrank.udf.ingest.EngagementParser;
import io.reelrank.udf.ingest.ParseResult;
import io.reelrank.udf.ingest.RankRequestParser;
import io.reelrank.udf.ingest.RecordParser;
import io.reelrank.udf.ingest.VideoParser;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.rank.UserInput;
import io.reelrank.udf.rank.UserRankingFunction;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The serving side of the parity test: a scenario's events through the job's real operators,
 * {@link VideoStatsFunction} and {@link UserRankingFunction}, each in Flink's operator harness
 * and wired as the job wires them (videos to both, engagements to both, stats into the
 * rankers' broadcast). On a watermark the stats operator advances first and its stats reach the
 * broadcast before the ranker advances, which makes the otherwise racy broadcast deterministic.
 */
final class JavaFeaturePath {
    private static final RecordParser<Video> VIDEOS = new VideoParser();
    private static final RecordParser<Engagement> ENGAGEMENTS = new EngagementParser();
    private static final RecordParser<RankRequest> REQUESTS = new RankRequestParser();

    private JavaFeaturePath() {}

    static List<FeatureRow> rows(ScenarioEvents scenario, FeatureSpec spec) throws Exception {
        List<FeatureRow> rows = new ArrayList<>();
        for (ScoringTask task : tasks(scenario, spec)) {
            rows.addAll(FeatureRow.of(task));
        }
        return rows;
    }

    /** The ranker's scoring tasks, one per request, in the order it emitted them. */
    static List<ScoringTask> tasks(ScenarioEvents scenario, FeatureSpec spec) throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, Engagement, Video, VideoStats> stats =
                     ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                             new VideoStatsFunction(scenario.features(), scenario.videoStatsIntervalMs(),
                                     spec.halfLifeMs(VideoStats.PLAYS_HALF_LIFE), scenario.ranking().eventTimeAligned()),
                             Engagement::videoId, Video::videoId, Types.STRING);
             KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> ranker =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                             new UserRankingFunction(scenario.features(), scenario.ranking(), spec),
                             UserInput::userId, Types.STRING, UserRankingFunction.CATALOG)) {
            int statsSeen = 0;
            for (JsonNode event : scenario.events()) {
                switch (event.get("type").asText()) {
                    case "video" -> {
                        Video video = parse(VIDEOS, event);
                        stats.processElement2(video, video.publishedTs());
                        ranker.processBroadcastElement(CatalogUpdate.of(video), video.publishedTs());
                    }
                    case "engagement" -> {
                        Engagement engagement = parse(ENGAGEMENTS, event);
                        stats.processElement1(engagement, engagement.ts());
                        ranker.processElement(UserInput.of(engagement), engagement.ts());
                    }
                    case "rank_request" -> {
                        RankRequest request = parse(REQUESTS, event);
                        ranker.processElement(UserInput.of(request), request.ts());
                    }
                    case "watermark" -> {
                        long ts = event.get("ts").asLong();
                        stats.processBothWatermarks(new Watermark(ts));
                        List<VideoStats> emitted = stats.extractOutputValues();
                        for (VideoStats update : emitted.subList(statsSeen, emitted.size())) {
                            ranker.processBroadcastElement(CatalogUpdate.of(update), update.asOfTs());
                        }
                        statsSeen = emitted.size();
                        ranker.processWatermark(ts);
                        ranker.processBroadcastWatermark(ts);
                    }
                    default -> throw new IllegalArgumentException("unknown event type " + event.get("type"));
                }
            }
            return List.copyOf(ranker.extractOutputValues());
        }
    }

    private static <T> T parse(RecordParser<T> parser, JsonNode event) {
        ParseResult<T> result = parser.parse(Json.toBytes(event.get("record")));
        if (!result.isOk()) {
            throw new IllegalArgumentException("scenario event is not a valid record (" + result.reason() + "): " + event);
        }
        return result.value();
    }
}
