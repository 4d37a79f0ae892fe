package io.reelrank.eval;

import io.reelrank.job.FeatureLogSink;
import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.featurelog.FeatureLogRow;
import io.reelrank.udf.ingest.InputLimits;
import io.reelrank.udf.ingest.RawRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Replays a data set and the protocol's requests through the real ReelRank topology
 * ({@link ReelRankWorkflow#define}) on an embedded Flink (RocksDB, event-time-aligned ranking, so
 * each request sees exactly the engagements at or before its time) with the feature log on, and
 * collects what it computed: the scored recommendations and every scored candidate's feature-log
 * row. The feature log's labelled examples go to its files, as in production.
 */
public final class JobReplay {

    /** What one replay produced, by request id. */
    public record Run(Map<String, List<FeatureLogRow>> rows, Map<String, Recommendation> recommendations,
                      long deadLetters, TreeSet<String> modelVersions, double seconds) {}

    private JobReplay() {}

    public static Run run(ContractData data, List<ProtocolRequest> requests, Configuration config, Path workDir)
            throws Exception {
        Files.createDirectories(workDir);
        Path engagements = writeLines(workDir.resolve("engagements.jsonl"), data.engagements());
        // In publish order, so that the catalog's watermark never passes a video not yet sent.
        Path videos = writeLines(workDir.resolve("videos.jsonl"),
                data.videos().stream().sorted(Comparator.comparingLong(Video::publishedTs)).toList());
        Path rankRequests = writeLines(workDir.resolve("rank-requests.jsonl"),
                requests.stream().map(r -> r.toRankRequest(InputLimits.MAX_N)).toList());

        JobSettings settings = JobSettings.from(config);
        if (!settings.featureLog().enabled()) {
            throw new IllegalArgumentException("the replay reads the job's feature log; enable it");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Inputs inputs = new ReelRankWorkflow.Inputs(
                source(env, engagements, "engagements"), source(env, videos, "videos"),
                source(env, rankRequests, "rank-requests"));
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(inputs, settings);
        FeatureLogSink.attach(outputs, settings);
        ReelRankWorkflow.FeatureLog featureLog = outputs.featureLog().orElseThrow();

        Map<String, List<FeatureLogRow>> rows = new HashMap<>();
        Map<String, Recommendation> recommendations = new HashMap<>();
        TreeSet<String> versions = new TreeSet<>();
        AtomicLong deadLetters = new AtomicLong();
        long started = System.nanoTime();
        try (CloseableIterator<FeatureLogRow> rowIterator = featureLog.rows().collectAsync();
             CloseableIterator<Recommendation> recommendationIterator = outputs.recommendations().collectAsync();
             CloseableIterator<DeadLetter> deadLetterIterator = outputs.deadLetters().collectAsync()) {
            var job = env.executeAsync("reelrank-evaluation");
            // Every output is drained at once: a full collect buffer would back-pressure the job.
            CompletableFuture<Void> drainRows = CompletableFuture.runAsync(() -> rowIterator.forEachRemaining(
                    row -> rows.computeIfAbsent(row.requestId(), id -> new ArrayList<>()).add(row)));
            CompletableFuture<Void> drainDead = CompletableFuture.runAsync(
                    () -> deadLetterIterator.forEachRemaining(d -> deadLetters.incrementAndGet()));
            recommendationIterator.forEachRemaining(r -> {
                recommendations.put(r.requestId(), r);
                versions.add(r.modelVersion());
            });
            drainRows.join();
            drainDead.join();
            job.getJobExecutionResult().get();
        }
        return new Run(rows, recommendations, deadLetters.get(), versions, (System.nanoTime() - started) / 1e9);
    }

    private static DataStream<RawRecord> source(StreamExecutionEnvironment env, Path file, String topic)
            throws IOException {
        return env.fromSource(JsonLinesSource.of(file, topic), WatermarkStrategy.noWatermarks(), "replay: " + topic)
                .uid("source-" + topic);
    }

    private static Path writeLines(Path file, List<?> records) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file)) {
            for (Object record : records) {
                writer.write(Json.toJson(record));
                writer.write('\n');
            }
        }
        return file;
    }
}
