package io.reelrank.bench;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.scoring.OnnxScorer;
import io.reelrank.udf.scoring.TaskManagerShared;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * ONNX Runtime alone, on the feature rows the job itself assembles: the rows come from a run of
 * {@link ReelRankWorkflow#features} (the topology up to scoring), then {@link OnnxScorer}s
 * score them in batches of a fixed size with the job's session settings, one scorer per thread
 * over the one shared session, as the pipeline's scorers do. No Flink, no queues: the ceiling.
 */
final class ScoringCeiling {
    static final int[] BATCH_SIZES = {1, 4, 16, 64, 256, 1024, 4096};
    private static final int DISTINCT_BATCHES = 16;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Candidates per wall-clock second at {@code batchSize} on {@code threads} threads, and per
     * second of CPU time those threads got (the same on an idle machine, higher on a busy one).
     */
    record Point(int batchSize, int threads, double candidatesPerSecond, double candidatesPerCpuSecond) {}

    private final BenchCluster cluster;

    ScoringCeiling(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** Row-major feature rows of {@code requests} generated requests, assembled by the job. */
    float[] jobFeatureRows(int requests, int candidates) throws Exception {
        Configuration config = cluster.configuration("feature-rows", 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = BenchCluster.world(config);
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                BenchCluster.inputs(env, world, 20_000, requests, candidates, 0), cluster.settings(config));
        features.deadLetters().sinkTo(new DiscardingSink<>());
        List<float[]> blocks = new ArrayList<>();
        int values = 0;
        try (CloseableIterator<float[]> rows = features.scoringTasks()
                .map(task -> task.features()).returns(float[].class).collectAsync()) {
            env.executeAsync("reelrank-bench-feature-rows");
            while (rows.hasNext()) {
                float[] block = rows.next();
                blocks.add(block);
                values += block.length;
            }
        }
        float[] all = new float[values];
        int offset = 0;
        for (float[] block : blocks) {
            System.arraycopy(block, 0, all, offset, block.length);
            offset += block.length;
        }
        return all;
    }

    List<Point> measure(float[] rows, int threads, double secondsPerPoint) throws Exception {
        JobSettings settings = cluster.settings(cluster.configuration("ceiling", threads));
        LoadedModel model = settings.model().loadNewest();
        List<OnnxScorer> scorers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                scorers.add(new OnnxScorer(TaskManagerShared.sessions().acquire(model, settings.scorer().session())));
            }
            int width = scorers.get(0).width();
            List<Point> points = new ArrayList<>();
            for (int batchSize : BATCH_SIZES) {
                points.add(score(scorers, batches(rows, width, batchSize), batchSize, width, secondsPerPoint));
            }
            return points;
        } finally {
            scorers.forEach(OnnxScorer::close);
        }
    }

    /** Distinct batches cut from the job's rows, wrapping around when there are fewer rows than asked. */
    private static List<float[]> batches(float[] rows, int width, int batchSize) {
        int rowCount = rows.length / width;
        if (rowCount == 0) {
            throw new IllegalStateException("the job assembled no feature rows to score");
        }
        List<float[]> batches = new ArrayList<>();
        int next = 0;
        int count = Math.max(1, Math.min(DISTINCT_BATCHES, rowCount / batchSize));
        for (int b = 0; b < count; b++) {
            float[] batch = new float[batchSize * width];
            for (int r = 0; r < batchSize; r++) {
                System.arraycopy(rows, next * width, batch, r * width, width);
                next = (next + 1) % rowCount;
            }
            batches.add(batch);
        }
        return batches;
    }

    private static Point score(List<OnnxScorer> scorers, List<float[]> batches, int batchSize, int width,
                                double seconds) throws Exception {
        // A short untimed warm-up lets ONNX Runtime size its arena for this batch shape.
        for (OnnxScorer scorer : scorers) {
            for (float[] batch : batches) {
                scorer.score(batch, batchSize, width);
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
                        scorer.score(batches.get(i % batches.size()), batchSize, width);
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
        return new Point(batchSize, scorers.size(), rows.get() / elapsed, rows.get() / (cpuNanos.get() / 1e9));
    }

    /** The best ceiling at batches no larger than the pipeline's {@code maxBatchRows}. */
    static Point best(List<Point> points, int maxBatchRows) {
        return points.stream().filter(p -> p.batchSize() <= maxBatchRows)
                .max(java.util.Comparator.comparingDouble(Point::candidatesPerSecond)).orElseThrow();
    }
}
