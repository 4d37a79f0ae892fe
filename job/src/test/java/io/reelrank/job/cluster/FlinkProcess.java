package io.reelrank.job.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;

/**
 * One JobManager or TaskManager JVM, started the way Flink's bin/ scripts start it: java, the
 * JVM options of config.yaml ({@code env.java.default-opts.all}, {@code env.java.opts.all} and the
 * role's own), the memory flags Flink computes, then the entry point with {@code --configDir}
 * and dynamic {@code -D} properties. Output and log file go to {@code logDir} for post-mortems.
 */
final class FlinkProcess implements AutoCloseable {
    private static final long STOP_SECONDS = 20;

    private final String name;
    private final Process process;

    private FlinkProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static FlinkProcess start(String name, String mainClass, Configuration config, String roleJvmOptions,
                              String memoryJvmOptions, List<String> dynamicProperties, Path confDir, Path logDir)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        addSplit(command, config.get(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS));
        addSplit(command, config.get(CoreOptions.FLINK_JVM_OPTIONS));
        addSplit(command, roleJvmOptions);
        addSplit(command, memoryJvmOptions);
        command.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(ClusterClasspath.flinkLib());
        command.add(mainClass);
        command.add("--configDir");
        command.add(confDir.toString());
        command.addAll(dynamicProperties);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile())
                .start();
        return new FlinkProcess(name, process);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** SIGTERM (Flink shuts down cleanly on it), then SIGKILL for the process and its children. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void addSplit(List<String> command, String options) {
        if (options != null && !options.isBlank()) {
            for (String option : options.trim().split("\\s+")) {
                command.add(option);
            }
        }
    }
}
