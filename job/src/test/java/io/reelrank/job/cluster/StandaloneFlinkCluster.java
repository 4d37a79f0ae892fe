package io.reelrank.job.cluster;

import io.reelrank.tools.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real standalone Flink session cluster: one JobManager and one TaskManager, each its own
 * JVM, configured by the repository's flink-conf/config.yaml with only ports, directories and
 * memory sizes overridden. Closing it stops both processes; a shutdown hook does the same if
 * the test JVM dies first. Logs stay in the work directory.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final List<FlinkProcess> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-standalone-flink");
    private final Path workDir;
    private final int restPort;
    private final int taskManagerMetricsPort;
    private FlinkRestClient rest;

    private StandaloneFlinkCluster(Path workDir, int restPort, int taskManagerMetricsPort) {
        this.workDir = workDir;
        this.restPort = restPort;
        this.taskManagerMetricsPort = taskManagerMetricsPort;
    }

    /** Starts the cluster from {@code flinkConf} and waits until the TaskManager has registered. */
    public static StandaloneFlinkCluster start(Path flinkConf, Path workDir, Map<String, String> overrides)
            throws IOException, InterruptedException {
        int restPort = FreePorts.next();
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(workDir, restPort, FreePorts.next());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.launch(flinkConf, overrides);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(Path flinkConf, Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> local = new HashMap<>();
        local.put("jobmanager.rpc.address", "localhost");
        local.put("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        local.put("rest.address", "localhost");
        local.put("rest.port", Integer.toString(restPort));
        local.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        local.put("execution.checkpointing.savepoint-dir", workDir.resolve("savepoints").toUri().toString());
        local.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        local.put("web.tmpdir", workDir.resolve("web").toString());
        local.putAll(overrides);
        Path confDir = ClusterConfDir.write(flinkConf, workDir.resolve("conf"), local);
        Configuration config = GlobalConfiguration.loadConfiguration(confDir.toString());

        JobManagerProcessSpec jobManager = JobManagerProcessUtils.processSpecFromConfig(config);
        processes.add(FlinkProcess.start("jobmanager",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", config,
                config.get(CoreOptions.FLINK_JM_JVM_OPTIONS),
                JobManagerProcessUtils.generateJvmParametersStr(jobManager, config),
                dynamicProperties(JobManagerProcessUtils.generateDynamicConfigsStr(jobManager),
                        FreePorts.next()),
                confDir, workDir));

        TaskExecutorProcessSpec taskManager = TaskExecutorProcessUtils.processSpecFromConfig(config);
        processes.add(FlinkProcess.start("taskmanager",
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", config,
                config.get(CoreOptions.FLINK_TM_JVM_OPTIONS),
                ProcessMemoryUtils.generateJvmParametersStr(taskManager),
                dynamicProperties(TaskExecutorProcessUtils.generateDynamicConfigsStr(taskManager),
                        taskManagerMetricsPort),
                confDir, workDir));

        rest = new FlinkRestClient("http://localhost:" + restPort);
        rest.awaitTaskManagers(1, STARTUP, this::checkAlive);
    }

    /** Flink's memory -D options plus this process's own Prometheus port (JM and TM share a host). */
    private static List<String> dynamicProperties(String memoryConfigs, int metricsPort) {
        List<String> properties = new ArrayList<>(List.of(memoryConfigs.trim().split("\\s+")));
        properties.add("-D");
        properties.add("metrics.reporter.prom.port=" + metricsPort);
        return properties;
    }

    private void checkAlive() {
        for (FlinkProcess process : processes) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + workDir.resolve(process.name() + ".out")
                        + " and " + workDir.resolve(process.name() + ".log"));
            }
        }
    }

    public FlinkRestClient rest() {
        return rest;
    }

    /** Nothing restarts the TaskManager: alive and still registered means the same JVM all along. */
    public boolean isTaskManagerAlive() {
        return processes.get(1).isAlive();
    }

    /** The TaskManager's log file and its stdout/stderr, as one text. */
    public String taskManagerLog() throws IOException {
        return Files.readString(workDir.resolve("taskmanager.log")) + Files.readString(workDir.resolve("taskmanager.out"));
    }

    /** The TaskManager's Prometheus reporter endpoint. */
    public String taskManagerMetricsUrl() {
        return "http://localhost:" + taskManagerMetricsPort + "/metrics";
    }

    public Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    private synchronized void stopAll() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
