package io.reelrank.job;

import io.reelrank.job.kafka.KafkaSettings;
import io.reelrank.job.registry.BundledRegistry;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.rank.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.TimeUtils;

/**
 * What a starting job is about to do, as one block: ReelRank's version, the model it will serve
 * and from which registry, its inputs and outputs, parallelism, checkpointing, state backend and,
 * for a local run, the embedded cluster's web UI. A cluster run logs it; a local run prints it.
 */
record StartupSummary(String version, String model, String inputs, String outputs, int parallelism,
                      String checkpoints, String state, URI webUi) {

    static final String VERSION_RESOURCE = "reelrank/version.properties";

    /** A job reading and writing Kafka as {@code config} says. */
    static StartupSummary kafka(Configuration config, int parallelism) {
        KafkaSettings kafka = KafkaSettings.from(config);
        String from = kafka.stopAtLatest() ? ", until the offsets latest at start" : "";
        return of(config, parallelism,
                String.format("Kafka %s: %s, %s, %s (group %s, starting at %s offsets%s)", kafka.bootstrapServers(),
                        kafka.engagementsTopic(), kafka.videosTopic(), kafka.rankRequestsTopic(), kafka.groupId(),
                        kafka.startingOffsets(), from),
                String.format("Kafka %s: %s, %s (%s)", kafka.bootstrapServers(), kafka.recommendationsTopic(),
                        kafka.deadLettersTopic(), kafka.deliveryGuarantee()));
    }

    /** A job over the built-in generator whose outputs go where {@code outputs} says. */
    static StartupSummary generator(Configuration config, int parallelism, String outputs) {
        return of(config, parallelism, String.format(Locale.ROOT,
                "generator: %,d users, %,d videos, %,d engagements, %,d rank requests (seed %d)",
                config.get(ReelRankOptions.GENERATOR_USERS), config.get(ReelRankOptions.GENERATOR_VIDEOS),
                config.get(ReelRankOptions.GENERATOR_ENGAGEMENTS), config.get(ReelRankOptions.GENERATOR_REQUESTS),
                config.get(ReelRankOptions.GENERATOR_SEED)), outputs);
    }

    private static StartupSummary of(Configuration config, int parallelism, String inputs, String outputs) {
        return new StartupSummary(releaseVersion(), servingModel(config), inputs, outputs, parallelism,
                checkpointing(config), stateBackend(config), null);
    }

    StartupSummary withWebUi(URI address) {
        return new StartupSummary(version, model, inputs, outputs, parallelism, checkpoints, state, address);
    }

    String render() {
        StringBuilder text = new StringBuilder("ReelRank ").append(version).append('\n');
        line(text, "model", model);
        line(text, "inputs", inputs);
        line(text, "outputs", outputs);
        line(text, "parallelism", Integer.toString(parallelism));
        line(text, "checkpoints", checkpoints);
        line(text, "state", state);
        if (webUi != null) {
            line(text, "web UI", webUi.toString());
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format("  %-12s %s%n", name, value));
    }

    /**
     * The version the registry would serve now: the one CURRENT names, or the newest valid one,
     * as seen where main() runs (this JVM, a client or the JobManager); only to say it, since the
     * TaskManagers load and check the model themselves.
     */
    private static String servingModel(Configuration config) {
        String registry = config.get(ReelRankOptions.MODEL_REGISTRY);
        String name = config.get(ReelRankOptions.MODEL_NAME);
        try {
            String readable = BundledRegistry.isBundled(registry)
                    ? BundledRegistry.localCopy(registry).toUri().toString() : registry;
            ModelRegistry models = new ModelRegistry(readable);
            FeatureSpec spec = FeatureSpec.bundled();
            String pinned = models.pinnedVersion(name);
            String pointerProblem = null;
            if (pinned != null) {
                try {
                    return models.load(name, pinned, spec.names(), spec.hash()).version() + " from " + registry
                            + " (named by CURRENT)";
                } catch (Exception e) {
                    // The job does not stop on a bad pointer: it serves the newest valid version.
                    pointerProblem = "CURRENT names " + name + "/" + pinned + ", which cannot serve: " + firstLine(e.getMessage());
                }
            }
            for (String version : models.versions(name)) {
                try {
                    ModelVersion serving = models.load(name, version, spec.names(), spec.hash()).version();
                    return serving + " from " + registry + " (newest valid version"
                            + (pointerProblem == null ? ")" : "; " + pointerProblem + ")");
                } catch (Exception rejected) {
                    // an invalid version is passed over here as the watcher passes over it
                }
            }
            if (pointerProblem != null) {
                return name + " from " + registry + ": no usable version seen from here (" + pointerProblem + ")";
            }
            models.loadNewest(name, spec.names(), spec.hash()); // throws, saying why none is valid
            return name + " from " + registry;
        } catch (Exception e) {
            return name + " from " + registry + ": no usable version seen from here (" + firstLine(e.getMessage()) + ")";
        }
    }

    private static String checkpointing(Configuration config) {
        return config.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                .filter(interval -> !interval.isZero())
                .map(interval -> "every " + format(interval) + ", "
                        + config.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE) + ", to "
                        + config.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                                .orElse("the JobManager's heap"))
                .orElse("off: nothing is committed to Kafka with exactly-once");
    }

    private static String stateBackend(Configuration config) {
        String backend = config.get(StateBackendOptions.STATE_BACKEND);
        boolean incremental = config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS);
        return incremental ? backend + ", incremental checkpoints" : backend;
    }

    private static String releaseVersion() {
        try (InputStream in = StartupSummary.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "(version unknown)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(version unknown)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse("");
    }
}
