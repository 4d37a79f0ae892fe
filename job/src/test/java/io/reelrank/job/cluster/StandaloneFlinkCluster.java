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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * JVM on this host, configured by the repository's flink-conf/config-host.yaml with only the
 * JobManager's ports (free ones, so that tests can run side by side) and the directories (in the
 * work directory) replaced. Each process takes its Prometheus port from the file's range, as on
 * any host. Closing the cluster stops both processes; a shutdown hook does the same if the test
 * JVM dies first. Logs stay in the work directory.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern PROMETHEUS_PORT = Pattern.compile("Started PrometheusReporter HTTP server on port (\\d+)");

    private final List<FlinkProcess> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-standalone-flink");
    private final Path workDir;
    private final int restPort;
    private FlinkRestClient rest;
    private Path confDir;

    private StandaloneFlinkCluster(Path workDir, int restPort) {
        this.workDir = workDir;
        this.restPort = restPort;
    }

    /** Starts the cluster from {@code configYaml} and waits until the TaskManager has registered. */
    public static StandaloneFlinkCluster start(Path configYaml, Path workDir) throws IOException, InterruptedException {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(workDir, FreePorts.next());
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.launch(configYaml);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void launch(Path configYaml) throws IOException, InterruptedException {
        Map<String, String> local = new HashMap<>();
        local.put("jobmanager.rpc.port", Integer.toString(FreePorts.next()));
        local.put("rest.port", Integer.toString(restPort));
        local.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
        local.put("execution.checkpointing.savepoint-dir", workDir.resolve("savepoints").toUri().toString());
        local.put("io.tmp.dirs", workDir.resolve("tmp").toString());
        local.put("web.tmpdir", workDir.resolve("web").toString());
        confDir = ClusterConfDir.write(configYaml, workDir.resolve("conf"), local);
        Configuration config = GlobalConfiguration.loadConfiguration(confDir.toString());

        JobManagerProcessSpec jobManager = JobManagerProcessUtils.processSpecFromConfig(config);
        processes.add(FlinkProcess.start("jobmanager",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", config,
                config.get(CoreOptions.FLINK_JM_JVM_OPTIONS),
                JobManagerProcessUtils.generateJvmParametersStr(jobManager, config),
                dynamicProperties(JobManagerProcessUtils.generateDynamicConfigsStr(jobManager)),
                confDir, workDir));

        TaskExecutorProcessSpec taskManager = TaskExecutorProcessUtils.processSpecFromConfig(config);
        processes.add(FlinkProcess.start("taskmanager",
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", config,
                config.get(CoreOptions.FLINK_TM_JVM_OPTIONS),
                ProcessMemoryUtils.generateJvmParametersStr(taskManager),
                dynamicProperties(TaskExecutorProcessUtils.generateDynamicConfigsStr(taskManager)),
                confDir, workDir));

        rest = new FlinkRestClient("http://localhost:" + restPort);
        rest.awaitTaskManagers(1, STARTUP, this::checkAlive);
    }

    /** Flink's memory -D options, as its scripts pass them. */
    private static List<String> dynamicProperties(String memoryConfigs) {
        return List.of(memoryConfigs.trim().split("\\s+"));
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
    public String taskManagerMetricsUrl() throws IOException {
        return metricsUrl("taskmanager");
    }

    /** The JobManager's Prometheus reporter endpoint. */
    public String jobManagerMetricsUrl() throws IOException {
        return metricsUrl("jobmanager");
    }

    /** The port the process took from the configured range, as its log says. */
    private String metricsUrl(String process) throws IOException {
        Path log = workDir.resolve(process + ".log");
        Matcher started = PROMETHEUS_PORT.matcher(Files.readString(log));
        if (!started.find()) {
            throw new IllegalStateException("the " + process + " serves no Prometheus metrics; see " + log);
        }
        return "http://localhost:" + started.group(1) + "/metrics";
    }

    /** The conf directory the processes run with, for a Flink client of this cluster. */
    public Path confDir() {
        return confDir;
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
