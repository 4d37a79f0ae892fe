package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.CtrlC;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The one-command demo: ReelRank on an embedded local Flink (RocksDB, checkpoints every 10 s)
 * over the built-in generator, scored by the bundled model. Prints recommendations as JSON
 * lines, then a summary; what it runs, the web UI's address and the progress line go to stderr,
 * and Ctrl-C stops it cleanly. Any ReelRank option can be passed as {@code --key value}.
 */
public final class DemoMain {
    static final Command COMMAND = JobCommand.named("DemoMain",
            "The one-command demo: ReelRank on an embedded local Flink over the built-in generator, scored by the "
                    + "bundled model; prints recommendations as JSON lines, then a summary. Unless given, the demo "
                    + "sets reelrank.ranking.refresh-every 20, reelrank.ranking.event-time-aligned true and "
                    + "reelrank.generator.bad-record-every 1000.");

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, DemoMain::run);
    }

    private static void run(Arguments arguments) throws Exception {
        Configuration config = JobCommand.localConfiguration(arguments, "demo");
        if (!config.contains(ReelRankOptions.REFRESH_EVERY)) {
            config.set(ReelRankOptions.REFRESH_EVERY, 20);
        }
        if (!config.contains(ReelRankOptions.EVENT_TIME_ALIGNED)) {
            config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        }
        if (!config.contains(ReelRankOptions.GENERATOR_BAD_EVERY)) {
            config.set(ReelRankOptions.GENERATOR_BAD_EVERY, 1000);
        }
        try (EmbeddedFlink flink = new EmbeddedFlink(config)) {
            StreamExecutionEnvironment env = flink.environment();
            SyntheticWorld world = GeneratorInputs.world(config);
            ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                    GeneratorInputs.inputs(env, world, config), JobSettings.from(config));
            RankRequestGenerator requests = new RankRequestGenerator(world,
                    config.get(ReelRankOptions.GENERATOR_CANDIDATES));
            DemoSummary summary = new DemoSummary(world, id -> regenerate(requests, id));
            long started = System.nanoTime();
            try (CloseableIterator<Recommendation> recommendations = outputs.recommendations().collectAsync();
                 CloseableIterator<DeadLetter> deadLetters = outputs.deadLetters().collectAsync()) {
                JobClient job = flink.start(env, "reelrank-demo", StartupSummary.generator(config, env.getParallelism(),
                        "printed: the first " + config.get(ReelRankOptions.DEMO_PRINT) + " recommendations and the "
                                + "first dead letter as JSON lines, then a summary"));
                if (CtrlC.runUntilStopped(() -> print(recommendations, deadLetters, summary, config), job::cancel)) {
                    flink.close();
                    CtrlC.exitStopped(System.err);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.print(summary.render(config.get(ReelRankOptions.GENERATOR_ENGAGEMENTS),
                    config.get(ReelRankOptions.GENERATOR_REQUESTS), world.videoCount(), seconds));
        }
    }

    /** Prints the first recommendations as they come and tallies all of them, until the job ends. */
    private static void print(CloseableIterator<Recommendation> recommendations,
                              CloseableIterator<DeadLetter> deadLetters, DemoSummary summary, Configuration config) {
        // Drained beside the recommendations: a full collect buffer would back-pressure the parsers.
        CompletableFuture<Void> drainDeadLetters = CompletableFuture.runAsync(() -> {
            while (deadLetters.hasNext()) {
                DeadLetter deadLetter = deadLetters.next();
                if (summary.addDeadLetter() == 1) {
                    System.out.println("first dead letter: " + Json.toJson(deadLetter));
                }
            }
        });
        int toPrint = config.get(ReelRankOptions.DEMO_PRINT);
        long printed = 0;
        while (recommendations.hasNext()) {
            Recommendation recommendation = recommendations.next();
            summary.add(recommendation);
            if (printed++ < toPrint) {
                System.out.println(Json.toJson(recommendation));
            }
        }
        drainDeadLetters.join();
    }

    private static io.reelrank.udf.contract.RankRequest regenerate(RankRequestGenerator requests, String requestId) {
        try {
            return requests.request(Long.parseLong(requestId.substring(requestId.indexOf('-') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
