package io.reelrank.bench;

import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.JobSettings;
import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.rank.UserInput;
import io.reelrank.udf.rank.UserRankingFunction;
import io.reelrank.udf.scoring.ScoringTask;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

/**
 * The ranker alone: the real {@link UserRankingFunction} in Flink's operator harness, on this
 * thread, turns rank requests into feature matrices (user features, the candidates' catalog
 * lookups, filters, feature rows), with the whole catalog and its stats broadcast to it and the
 * users' profiles built from generated engagements first. No network, no scoring, no other
 * thread: the per-candidate cost that dominates the pipeline's CPU, measured closely enough (the
 * thread's own CPU time, median of rounds) to compare two versions of the feature code, which
 * the whole pipeline on a shared machine is too noisy for. User state is on the heap here; its
 * RocksDB read is part of the pipeline figures. Every round's requests are fresh copies (JSON
 * round trip), so candidate ids arrive with no cached hash, as from the network.
 */
final class RankerBench {
    private static final int ENGAGEMENTS = 20_000;
    private static final int DRAIN_EVERY = 256;
    private final BenchCluster cluster;

    RankerBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Candidates offered per CPU-second (median of rounds, with the slowest and fastest round),
     * and the share of them that got a row.
     */
    record Result(int candidatesPerRequest, int requests, int rounds, double candidatesPerCpuSecond,
                  double slowestPerCpuSecond, double fastestPerCpuSecond, double rowsPerCandidate) {
        double nanosPerCandidate() {
            return 1e9 / candidatesPerCpuSecond;
        }
    }

    Result measure(int candidatesPerRequest, int requests, int rounds) throws Exception {
        Configuration config = cluster.configuration("ranker", 1);
        JobSettings settings = cluster.settings(config);
        SyntheticWorld world = BenchCluster.world(config);
        int windows = settings.features().windows().length;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> harness =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                             new UserRankingFunction(settings.features(), settings.ranking(), settings.spec()),
                             UserInput::userId, Types.STRING, UserRankingFunction.CATALOG)) {
            for (int i = 0; i < world.videoCount(); i++) {
                Video video = Json.fromJson(Json.toJson(world.video(i)), Video.class);
                harness.processBroadcastElement(CatalogUpdate.of(video), video.publishedTs());
                harness.processBroadcastElement(CatalogUpdate.of(
                        CatalogHeapBench.stats(video.videoId(), video.publishedTs(), windows, i)), video.publishedTs());
            }
            EngagementGenerator engagements = new EngagementGenerator(world);
            for (long i = 0; i < ENGAGEMENTS; i++) {
                Engagement engagement = Json.fromJson(Json.toJson(engagements.engagement(i)), Engagement.class);
                harness.processElement(UserInput.of(engagement), engagement.ts());
            }
            harness.getOutput().clear();
            RankRequestGenerator generator = new RankRequestGenerator(world, candidatesPerRequest);
            List<String> made = new ArrayList<>(requests);
            for (long i = 0; i < requests; i++) {
                made.add(Json.toJson(generator.request(i)));
            }
            double[] perCpuSecond = new double[rounds];
            long offered = 0;
            long rows = 0;
            for (int round = 0; round < rounds; round++) {
                List<RankRequest> batch = new ArrayList<>(requests);
                for (String json : made) {
                    batch.add(Json.fromJson(json, RankRequest.class));
                }
                long roundOffered = 0;
                long cpuNanos = 0;
                for (int from = 0; from < batch.size(); from += DRAIN_EVERY) {
                    int to = Math.min(batch.size(), from + DRAIN_EVERY);
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = from; i < to; i++) {
                        RankRequest request = batch.get(i);
                        harness.processElement(UserInput.of(request), request.ts());
                        roundOffered += request.candidates().size();
                    }
                    cpuNanos += threads.getCurrentThreadCpuTime() - start;
                    rows += drain(harness);
                }
                offered += roundOffered;
                perCpuSecond[round] = roundOffered / (cpuNanos / 1e9);
            }
            Arrays.sort(perCpuSecond);
            return new Result(candidatesPerRequest, requests, rounds, perCpuSecond[rounds / 2], perCpuSecond[0],
                    perCpuSecond[rounds - 1], rows / (double) offered);
        }
    }

    /** Rows in the tasks emitted since the last drain; the output is emptied (it would hold every matrix). */
    private static long drain(KeyedBroadcastOperatorTestHarness<String, UserInput, CatalogUpdate, ScoringTask> harness) {
        long rows = 0;
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> record && record.getValue() instanceof ScoringTask task) {
                rows += task.rows();
            }
        }
        harness.getOutput().clear();
        return rows;
    }
}
