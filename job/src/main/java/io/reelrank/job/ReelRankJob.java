package io.reelrank.job;

import io.reelrank.job.kafka.KafkaInputs;
import io.reelrank.job.kafka.KafkaOutputs;
import io.reelrank.job.kafka.KafkaSettings;
import io.reelrank.udf.contract.Json;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

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
    private ReelRankJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        Configuration config = arguments.has("local")
                ? LocalRuntime.configuration(args, "job")
                : Configuration.fromMap(arguments.toMap());
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
                KafkaOutputs.sinkTo(ReelRankWorkflow.define(KafkaInputs.inputs(env, kafka), settings), kafka);
            }
            case GENERATOR -> {
                ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                        GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), settings);
                outputs.recommendations().map(Json::toJson).name("recommendations as JSON")
                        .print("recommendation").uid("print-recommendations");
                outputs.deadLetters().map(Json::toJson).name("dead letters as JSON")
                        .printToErr("dead letter").uid("print-dead-letters");
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
