package io.reelrank.bench;

import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.generator.SyntheticWorld;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Engagement ingestion alone: {@link ReelRankWorkflow#features} with no rank requests (refresh
 * off), so every engagement is parsed, gets event time, updates its video's stats (which are
 * broadcast to the rankers) and its user's state in RocksDB, and nothing is scored. The rate is
 * the steady-state slope of the parser's {@code recordsIn} counter; back-pressure makes it the
 * rate of the slowest stage behind it.
 */
final class IngestionBench {
    private static final String PARSER = "parse engagements";

    private final BenchCluster cluster;

    IngestionBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    double eventsPerSecond(int parallelism, long engagements) throws Exception {
        Configuration config = cluster.configuration("ingestion", parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = BenchCluster.world(config);
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                BenchCluster.inputs(env, world, engagements, 0, 1, 0), cluster.settings(config));
        features.scoringTasks().sinkTo(new DiscardingSink<>()).name("scoring tasks (none)");
        features.deadLetters().sinkTo(new DiscardingSink<>()).name("dead letters (discarded)");
        try (CounterRate parsed = new CounterRate(() -> CountingReporter.total(PARSER, "recordsIn"))) {
            JobClient job = env.executeAsync("reelrank-bench-ingestion");
            job.getJobExecutionResult().get();
            try {
                return parsed.rate(engagements, 0.2, 0.9);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; counters: " + CountingReporter.names(), e);
            }
        }
    }
}
