package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.CtrlC;
import io.reelrank.cli.Option;
import io.reelrank.job.kafka.KafkaInputs;
import io.reelrank.job.kafka.KafkaOutputs;
import io.reelrank.job.kafka.KafkaSettings;
import io.reelrank.udf.contract.Json;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production entry point (the shaded jar's main class): ReelRank from Kafka to Kafka.
 * Options come from the cluster's configuration and {@code --key value} program arguments, the
 * latter winning. State backend, checkpointing and restarts belong to the cluster's
 * config.yaml, not to this code; {@code --local} runs on an embedded Flink with {@link
 * LocalRuntime}'s settings instead (RocksDB, checkpoints every 10 s), prints what it runs, its web
 * UI and a progress line, and stops cleanly on Ctrl-C. On a cluster the same summary is logged.
 * {@code --reelrank.input generator} swaps Kafka for the built-in generator and prints the
 * outputs, to smoke-test the jar on a cluster without Kafka.
 */
public final class ReelRankJob {
    static final Command COMMAND = JobCommand.named("ReelRankJob",
                    "ReelRank from Kafka to Kafka. Options come from the cluster's configuration and these arguments, "
                            + "the arguments winning.")
            .with(Option.flag("local", "Run on an embedded Flink with LocalRuntime's settings (RocksDB, checkpoints "
                    + "every 10 s) instead of the cluster's; prints what it runs, the web UI's address and a progress "
                    + "line (reelrank.local.progress-interval) to stderr, until Ctrl-C stops it."));

    private static final Logger LOG = LoggerFactory.getLogger(ReelRankJob.class);

    private ReelRankJob() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, ReelRankJob::run);
    }

    private static void run(Arguments arguments) throws Exception {
        if (arguments.flag("local")) {
            runLocally(JobCommand.localConfiguration(arguments, "job"));
            return;
        }
        Configuration config = JobCommand.settings(arguments);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        Configuration effective = effective(env.getConfiguration(), config);
        define(env, effective);
        LOG.info("Starting\n{}", summary(effective, env.getParallelism()).render());
        env.execute("reelrank");
    }

    /** On an embedded Flink: says what it runs and where its web UI is, then runs until done or Ctrl-C. */
    private static void runLocally(Configuration config) throws Exception {
        try (EmbeddedFlink flink = new EmbeddedFlink(config)) {
            StreamExecutionEnvironment env = flink.environment();
            define(env, config);
            JobClient job = flink.start(env, "reelrank", summary(config, env.getParallelism()));
            if (CtrlC.runUntilStopped(() -> job.getJobExecutionResult().get(), job::cancel)) {
                flink.close();
                CtrlC.exitStopped(System.err);
            }
        }
    }

    private static StartupSummary summary(Configuration config, int parallelism) {
        return config.get(ReelRankOptions.INPUT) == ReelRankOptions.Input.KAFKA
                ? StartupSummary.kafka(config, parallelism)
                : StartupSummary.generator(config, parallelism,
                        "printed: recommendations to stdout, dead letters to stderr");
    }

    /**
     * The number of key groups when {@code pipeline.max-parallelism} is not given: fixed for a job's
     * life (a savepoint restores only with the same value) and the most parallel instances it can
     * rescale to. 128 is what Flink chose implicitly for every earlier ReelRank job run below
     * parallelism 86, so their savepoints still restore.
     */
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    /** The whole job, sources to sinks, as the configuration asks. */
    public static void define(StreamExecutionEnvironment env, Configuration config) {
        env.setMaxParallelism(config.getOptional(PipelineOptions.MAX_PARALLELISM).orElse(DEFAULT_MAX_PARALLELISM));
        JobSettings settings = JobSettings.from(config);
        switch (config.get(ReelRankOptions.INPUT)) {
            case KAFKA -> {
                KafkaSettings kafka = KafkaSettings.from(config);
                ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(KafkaInputs.inputs(env, kafka), settings);
                KafkaOutputs.sinkTo(outputs, kafka);
                FeatureLogSink.attach(outputs, settings);
            }
            case GENERATOR -> {
                // Lambdas, not two Json::toJson references: javac deserialises serialisable method
                // references with one target method as whichever it compiled first, whatever their types.
                ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                        GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), settings);
                outputs.recommendations().map(recommendation -> Json.toJson(recommendation))
                        .uid("recommendations-json").name("recommendations as JSON")
                        .print("recommendation").uid("print-recommendations");
                outputs.deadLetters().map(deadLetter -> Json.toJson(deadLetter))
                        .uid("dead-letters-json").name("dead letters as JSON")
                        .printToErr("dead letter").uid("print-dead-letters");
                FeatureLogSink.attach(outputs, settings);
            }
        }
    }

    /** The cluster's (or client's) configuration with the program arguments on top. */
    private static Configuration effective(ReadableConfig environment, Configuration arguments) {
        Configuration merged = new Configuration();
        if (environment instanceof Configuration cluster) {
            merged.addAll(cluster);
        }
        merged.addAll(arguments);
        return merged;
    }
}
