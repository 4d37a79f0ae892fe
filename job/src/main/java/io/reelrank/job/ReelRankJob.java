package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.job.kafka.KafkaInputs;
import io.reelrank.job.kafka.KafkaOutputs;
import io.reelrank.job.kafka.KafkaSettings;
import io.reelrank.udf.contract.Json;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The production entry point (the shaded jar's main class): ReelRank from Kafka to Kafka.
 * Options come from the cluster's configuration and {@code --key value} program arguments, the
 * latter winning. State backend, checkpointing and restarts belong to the cluster's
 * config.yaml, not to this code; {@code --local} runs on an embedded Flink with {@link
 * LocalRuntime}'s settings instead (RocksDB, checkpoints every 10 s).
 * {@code --reelrank.input generator} swaps Kafka for the built-in generator and prints the
 * outputs, to smoke-test the jar on a cluster without Kafka.
 */
public final class ReelRankJob {
    static final Command COMMAND = JobCommand.named("ReelRankJob",
                    "ReelRank from Kafka to Kafka. Options come from the cluster's configuration and these arguments, "
                            + "the arguments winning.")
            .with(Option.flag("local", "Run on an embedded Flink with LocalRuntime's settings (RocksDB, checkpoints "
                    + "every 10 s) instead of the cluster's."));

    private ReelRankJob() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, ReelRankJob::run);
    }

    private static void run(Arguments arguments) throws Exception {
        Configuration config = arguments.flag("local")
                ? JobCommand.localConfiguration(arguments, "job")
                : JobCommand.settings(arguments);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        Configuration effective = effective(env.getConfiguration(), config);
        define(env, effective);
        env.execute("reelrank");
    }

    /** The whole job, sources to sinks, as the configuration asks. */
    public static void define(StreamExecutionEnvironment env, Configuration config) {
        JobSettings settings = JobSettings.from(config);
        switch (config.get(ReelRankOptions.INPUT)) {
            case KAFKA -> {
                KafkaSettings kafka = KafkaSettings.from(config);
                ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(KafkaInputs.inputs(env, kafka), settings);
                KafkaOutputs.sinkTo(outputs, kafka);
                FeatureLogSink.attach(outputs, settings.featureLog());
            }
            case GENERATOR -> {
                ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                        GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), settings);
                outputs.recommendations().map(Json::toJson).name("recommendations as JSON")
                        .print("recommendation").uid("print-recommendations");
                outputs.deadLetters().map(Json::toJson).name("dead letters as JSON")
                        .printToErr("dead letter").uid("print-dead-letters");
                FeatureLogSink.attach(outputs, settings.featureLog());
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
