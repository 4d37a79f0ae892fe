package io.reelrank.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Configuration of the embedded local Flink that the demo and tools run on: the cluster's own
 * flink-conf/config.yaml (state backend, checkpointing, restarts, object reuse, buffer timeout, no
 * Kryo fallback), with only what cannot apply inside one JVM replaced; the settings a command
 * line gave ({@code io.reelrank.cli.Arguments#settings}) override.
 */
public final class LocalRuntime {
    /** Where the job jar carries flink-conf/config.yaml (a resource entry of job/pom.xml). */
    static final String CLUSTER_CONFIG = "reelrank/flink-conf/config.yaml";

    /** Key prefixes of config.yaml that size or report a cluster's containers. */
    private static final List<String> CONTAINER_ONLY_PREFIXES = List.of(
            // Process sizes of container JVMs; the embedded cluster lives in this JVM's memory.
            "jobmanager.memory.", "taskmanager.memory.",
            // Prometheus' fixed port would clash between local runs on one machine, and nothing scrapes it.
            "metrics.reporter.");

    private LocalRuntime() {}

    public static Configuration configuration(Map<String, String> settings, String name) {
        Configuration config = withoutContainerOnlyKeys(clusterConfiguration());
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "reelrank", name);
        // The file's paths are container mounts.
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        config.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, work.resolve("savepoints").toUri().toString());
        // Nothing restores a local run from its checkpoints, so a cancelled run (the state-size
        // benchmark cancels its job) should not leave them in the temporary directory.
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS);
        // "jobmanager" is the compose and Kubernetes service name, and 0.0.0.0 lets other
        // containers in; a local run talks to and listens on this machine only.
        for (var address : List.of(JobManagerOptions.ADDRESS, JobManagerOptions.BIND_HOST,
                TaskManagerOptions.BIND_HOST, RestOptions.ADDRESS, RestOptions.BIND_ADDRESS)) {
            config.set(address, "localhost");
        }
        // Any free port: tests and benchmark runs start several embedded clusters at once.
        config.set(RestOptions.BIND_PORT, "0");
        // Unset, the embedded cluster gets one slot per parallel instance, whatever parallelism a run asks for.
        config.removeConfig(TaskManagerOptions.NUM_TASK_SLOTS);
        config.addAll(Configuration.fromMap(settings));
        return config;
    }

    /**
     * config.yaml as Flink itself reads it on a cluster. Flink loads configuration only from a
     * directory, so the resource is copied into a temporary one first.
     */
    static Configuration clusterConfiguration() {
        try (InputStream yaml = LocalRuntime.class.getClassLoader().getResourceAsStream(CLUSTER_CONFIG)) {
            if (yaml == null) {
                throw new IllegalStateException(CLUSTER_CONFIG + " is not on the classpath: build the job module"
                        + " (mvn -pl job -am package) so that flink-conf/config.yaml is copied into it");
            }
            Path confDir = Files.createTempDirectory("reelrank-flink-conf");
            Path file = confDir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME);
            try {
                Files.copy(yaml, file);
                return GlobalConfiguration.loadConfiguration(confDir.toString());
            } finally {
                Files.deleteIfExists(file);
                Files.delete(confDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLUSTER_CONFIG, e);
        }
    }

    private static Configuration withoutContainerOnlyKeys(Configuration config) {
        for (String key : config.keySet()) {
            if (CONTAINER_ONLY_PREFIXES.stream().anyMatch(key::startsWith)) {
                config.removeKey(key);
            }
        }
        return config;
    }
}
