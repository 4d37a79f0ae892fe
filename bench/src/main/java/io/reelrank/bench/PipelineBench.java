package io.reelrank.bench;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.ReelRankWorkflow;
import java.util.Arrays;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * The full topology ({@link ReelRankWorkflow#define}) on an embedded cluster with RocksDB and
 * checkpoints: a bounded run of stamped requests, every recommendation's source and emit time
 * collected. Throughput is taken over a steady-state window (the middle of the run, between the
 * 20th and 95th percentile of emit order), so start-up, catalog loading and the drain at the end
 * are excluded; latencies over the same window.
 *
 * <p>A rate-limited run (the latency measurement) has a warm-up instead: its window is every
 * request its source emitted at least {@code warmupSeconds} after the first one. A fresh job
 * first loads the catalog and its 20,000 start-up engagements, the JIT compiles, and requests
 * queue behind that for several seconds; those requests measure start-up, not the latency at the
 * offered rate, and are reported apart ({@link Result#startupMax}).
 */
final class PipelineBench {
    private static final double WINDOW_START = 0.20;
    private static final double WINDOW_END = 0.95;
    static final String SCORER = "score (ONNX, micro-batched)";

    /** One recommendation's source and emit wall-clock times. */
    public record Stamp(long sourceMillis, long emittedMillis) {}

    /** What one run of {@code model} measured; latencies in milliseconds. */
    record Result(String model, int parallelism, int candidates, double requestRate, long recommendations, double requestsPerSecond,
                  double candidatesPerRequest, double candidatesPerSecond, double cpuCores, double p50, double p99,
                  double max, double warmupSeconds, double startupP99, double startupMax, CounterRate.ByStage stages) {
        /** Candidates scored per second of CPU time the JVM (job and generator) used. */
        double candidatesPerCpuSecond() {
            return candidatesPerSecond / cpuCores;
        }
    }

    private final BenchCluster cluster;

    /** {@code cluster}: the clusters serving the model to measure. */
    PipelineBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** {@code requests} requests of {@code candidates} candidates as fast as possible. */
    Result run(String name, int parallelism, int candidates, long requests, long engagements) throws Exception {
        return run(name, parallelism, candidates, requests, engagements, 0, 0);
    }

    /**
     * {@code requests} requests of {@code candidates} candidates at {@code rate} per second,
     * measured after {@code warmupSeconds} of source time.
     */
    Result run(String name, int parallelism, int candidates, long requests, long engagements, double rate,
               double warmupSeconds) throws Exception {
        return run(name, parallelism, candidates, requests, engagements, rate, warmupSeconds, true);
    }

    /**
     * As above; without {@code checkpoints} the job takes none during the run (an interval of a
     * year), which tells how much of the latency the checkpoints add. A diagnostic: the job
     * always runs with them.
     */
    Result run(String name, int parallelism, int candidates, long requests, long engagements, double rate,
               double warmupSeconds, boolean checkpoints) throws Exception {
        Configuration config = cluster.configuration(name, parallelism);
        if (!checkpoints) {
            config.setString("execution.checkpointing.interval", "365 d");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = BenchCluster.world(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                BenchCluster.inputs(env, world, engagements, requests, candidates, rate), cluster.settings(config));
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("dead letters (discarded)");
        long[] source = new long[(int) requests];
        long[] emitted = new long[(int) requests];
        int count = 0;
        CounterRate cpu = CounterRate.cpuOnly();
        try (cpu; CloseableIterator<Stamp> stamps = outputs.recommendations()
                .map(r -> new Stamp(StampedRequests.sourceMillis(r.requestId()), r.emittedTs()))
                .returns(Stamp.class).name("stamps")
                .collectAsync()) {
            env.executeAsync("reelrank-bench-" + name);
            while (stamps.hasNext()) {
                Stamp stamp = stamps.next();
                if (count == source.length) {
                    throw new IllegalStateException("more recommendations than requests: " + (count + 1));
                }
                source[count] = stamp.sourceMillis();
                emitted[count] = stamp.emittedMillis();
                count++;
            }
        }
        if (count != requests) {
            throw new IllegalStateException(name + ": " + count + " recommendations for " + requests + " requests");
        }
        return summarize(cluster.modelLabel(), parallelism, candidates, rate, warmupSeconds, source, emitted,
                CountingReporter.total(SCORER, "candidatesScored"), cpu);
    }

    private static Result summarize(String model, int parallelism, int candidates, double rate, double warmupSeconds, long[] source,
                                    long[] emitted, long candidatesScored, CounterRate cpu) {
        int n = emitted.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(emitted[a], emitted[b]));
        int from = (int) (n * WINDOW_START);
        int to = Math.max(from + 1, (int) (n * WINDOW_END) - 1);
        double[] startup = new double[0];
        if (warmupSeconds > 0) {
            long measuredFrom = Arrays.stream(source).min().orElseThrow() + Math.round(warmupSeconds * 1000);
            Arrays.sort(order, (a, b) -> Long.compare(source[a], source[b]));
            int firstMeasured = 0;
            while (firstMeasured < n && source[order[firstMeasured]] < measuredFrom) {
                firstMeasured++;
            }
            if (n - firstMeasured < 100) {
                throw new IllegalStateException("only " + (n - firstMeasured) + " of " + n + " requests were sent after"
                        + " the " + warmupSeconds + " s warm-up; send more");
            }
            startup = latencies(order, 0, firstMeasured - 1, source, emitted);
            from = firstMeasured;
            to = n - 1;
        }
        double seconds = Math.max(1, emitted[order[to]] - emitted[order[from]]) / 1000.0;
        double requestsPerSecond = (to - from) / seconds;
        double[] latency = latencies(order, from, to, source, emitted);
        double perRequest = candidatesScored / (double) n;
        CounterRate.Cpu used = cpu.cpuBetween(emitted[order[from]], emitted[order[to]]);
        double cpuCores = used.seconds() / seconds;
        return new Result(model, parallelism, candidates, rate, n, requestsPerSecond, perRequest,
                requestsPerSecond * perRequest, cpuCores, percentile(latency, 0.50), percentile(latency, 0.99),
                latency[latency.length - 1], warmupSeconds,
                startup.length == 0 ? Double.NaN : percentile(startup, 0.99),
                startup.length == 0 ? Double.NaN : startup[startup.length - 1], used.stages());
    }

    /** Sorted latencies of the requests at positions {@code from..to} of {@code order}. */
    private static double[] latencies(Integer[] order, int from, int to, long[] source, long[] emitted) {
        double[] latency = new double[Math.max(0, to - from + 1)];
        for (int i = from; i <= to; i++) {
            latency[i - from] = emitted[order[i]] - source[order[i]];
        }
        Arrays.sort(latency);
        return latency;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
