package io.reelrank.bench;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.job.ReelRankWorkflow;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Engagement ingestion alone: {@link ReelRankWorkflow#features} with no rank requests (refresh
 * off), so every engagement is parsed, gets event time, updates its video's stats (which are
 * broadcast to the rankers) and its user's state in RocksDB, and nothing is scored. Engagements
 * are {@link #EVENT_SPACING} apart in event time. The rate is
 * the steady-state slope of the parser's {@code recordsIn} counter; back-pressure makes it the
 * rate of the slowest stage behind it.
 */
final class IngestionBench {
    private static final String PARSER = "parse engagements";
    /**
     * The generator's finest event-time spacing: 1,000 engagements per event-time second. Video
     * stats are emitted per event-time interval and bucket expiry, so the sparser the events in
     * event time, the more stats updates per engagement; the default 100 ms spacing (10 per
     * second) would make nearly every engagement a broadcast stats update, which a real stream at
     * tens of thousands of events per second never does. 1 ms is still 50x sparser than that.
     */
    static final Duration EVENT_SPACING = Duration.ofMillis(1);

    private final BenchCluster cluster;

    IngestionBench(BenchCluster cluster) {
        this.cluster = cluster;
    }

    /** The ingestion rate, and how many video-stats updates each engagement caused (each goes to every ranker). */
    record Result(CounterRate.Rate rate, double statsUpdatesPerEngagement, Duration eventSpacing) {}

    Result eventsPerSecond(int parallelism, long engagements) throws Exception {
        Configuration config = cluster.configuration("ingestion", parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = BenchCluster.world(config, EVENT_SPACING);
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                BenchCluster.inputs(env, world, engagements, 0, 1, 0), cluster.settings(config));
        features.scoringTasks().sinkTo(new DiscardingSink<>()).name("scoring tasks (none)");
        features.deadLetters().sinkTo(new DiscardingSink<>()).name("dead letters (discarded)");
        try (CounterRate parsed = new CounterRate(() -> CountingReporter.total(PARSER, "recordsIn"))) {
            JobClient job = env.executeAsync("reelrank-bench-ingestion");
            job.getJobExecutionResult().get();
            try {
                return new Result(parsed.rate(engagements, 0.2, 0.9),
                        CountingReporter.total("video stats", "numRecordsOut") / (double) engagements, EVENT_SPACING);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; counters: " + CountingReporter.names(), e);
            }
        }
    }
}
