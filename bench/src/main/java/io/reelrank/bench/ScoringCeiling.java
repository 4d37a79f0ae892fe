package io.reelrank.bench;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankOptions;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.scoring.OnnxScorer;
import io.reelrank.udf.scoring.ScoringTask;
import io.reelrank.udf.scoring.TaskManagerShared;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * ONNX Runtime alone, on the scoring tasks the job itself assembles: the tasks (feature rows,
 * candidate ids and the user's history) come from a run of {@link ReelRankWorkflow#features}
 * (the topology up to scoring), then {@link OnnxScorer}s score batches of a fixed number of
 * candidates ({@link TaskBatches}) with the job's session settings, one scorer per thread over
 * the one shared session, as the pipeline's scorers do, through the same call: a feature-row
 * model reads the rows, a contract v2 model also its ids and histories. No Flink, no queues: the
 * ceiling.
 */
final class ScoringCeiling {
    static final int[] BATCH_SIZES = {1, 4, 16, 64, 256, 1024, 4096};
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Candidates per wall-clock second of {@code model} at {@code batchSize} on {@code threads}
     * threads, and per second of CPU time those threads got (the same on an idle machine, higher
     * on a busy one).
     */
    record Point(String model, int batchSize, int threads, double candidatesPerSecond, double candidatesPerCpuSecond) {}

    /** One model's points and what it read. */
    record Measured(ModelInputs inputs, List<Point> points) {}

    private final BenchCluster cluster;

    /** {@code cluster}: the clusters serving the model to measure. */
    ScoringCeiling(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The scoring tasks of {@code requests} generated requests, assembled by the job. The requests
     * are spread over the event time of the engagements beside them, as in a live job where both
     * interleave, so their users' histories hold the engagements before each request.
     */
    List<ScoringTask> jobScoringTasks(int requests, int candidates) throws Exception {
        Configuration config = cluster.configuration("scoring-tasks", 1);
        // In event-time order, as a live job sees them: otherwise requests can overtake the catalog
        // and the engagements before them, and the tasks lack candidates and histories.
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        Duration eventSpacing = BenchCluster.world(config).settings().eventSpacing();
        SyntheticWorld world = BenchCluster.world(config, eventSpacing,
                eventSpacing.multipliedBy(BenchMain.ENGAGEMENTS_BESIDE_REQUESTS).dividedBy(requests));
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                BenchCluster.inputs(env, world, BenchMain.ENGAGEMENTS_BESIDE_REQUESTS, requests, candidates, 0),
                cluster.settings(config));
        features.deadLetters().sinkTo(new DiscardingSink<>());
        List<ScoringTask> tasks = new ArrayList<>();
        try (CloseableIterator<ScoringTask> collected = features.scoringTasks().collectAsync()) {
            env.executeAsync("reelrank-bench-scoring-tasks");
            collected.forEachRemaining(tasks::add);
        }
        return tasks;
    }

    Measured measure(List<ScoringTask> tasks, int threads, double secondsPerPoint) throws Exception {
        JobSettings settings = cluster.settings(cluster.configuration("ceiling", threads));
        LoadedModel model = settings.model().loadNewest();
        List<OnnxScorer> scorers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                scorers.add(new OnnxScorer(TaskManagerShared.sessions().acquire(model, settings.scorer().session()),
                        settings.scorer().objectives()));
            }
            List<Point> points = new ArrayList<>();
            for (int batchSize : BATCH_SIZES) {
                points.add(score(cluster.modelLabel(), scorers, TaskBatches.of(tasks, batchSize), batchSize,
                        secondsPerPoint));
            }
            return new Measured(ModelInputs.of(cluster.modelLabel(), model, tasks), points);
        } finally {
            scorers.forEach(OnnxScorer::close);
        }
    }

    private static Point score(String model, List<OnnxScorer> scorers, List<List<ScoringTask>> batches,
                               int batchSize, double seconds) throws Exception {
        // A short untimed warm-up lets ONNX Runtime size its arena for this batch shape.
        for (OnnxScorer scorer : scorers) {
            for (List<ScoringTask> batch : batches) {
                scorer.score(batch);
            }
        }
        AtomicLong rows = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(scorers.size() + 1);
        long deadlineNanos = (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (OnnxScorer scorer : scorers) {
            Thread thread = new Thread(() -> {
                long scored = 0;
                long cpuBegin = THREADS.getCurrentThreadCpuTime();
                try {
                    start.await();
                    cpuBegin = THREADS.getCurrentThreadCpuTime();
                    long begin = System.nanoTime();
                    for (int i = 0; System.nanoTime() - begin < deadlineNanos; i++) {
                        scorer.score(batches.get(i % batches.size()));
                        scored += batchSize;
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                rows.addAndGet(scored);
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBegin);
            }, "ceiling-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        start.await();
        long begin = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("scoring failed", failures.get(0));
        }
        return new Point(model, batchSize, scorers.size(), rows.get() / elapsed, rows.get() / (cpuNanos.get() / 1e9));
    }

    /** The best ceiling at batches no larger than the pipeline's {@code maxBatchRows}. */
    static Point best(List<Point> points, int maxBatchRows) {
        return points.stream().filter(p -> p.batchSize() <= maxBatchRows)
                .max(java.util.Comparator.comparingDouble(Point::candidatesPerSecond)).orElseThrow();
    }
}
