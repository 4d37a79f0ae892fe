package io.reelrank.job;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded Flink of one local run (the job with --local, the demo): Flink's own local
 * executor, which starts a MiniCluster for the job, except that this class keeps hold of that
 * cluster so the run can say where its REST API and web UI listen (a free port, chosen at start).
 * It also installs the {@link ProgressReporter} when {@code reelrank.local.progress-interval} is
 * not zero.
 */
final class EmbeddedFlink implements PipelineExecutorServiceLoader, AutoCloseable {
    private static final String EXECUTOR = "reelrank-embedded";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Configuration config;
    private final CompletableFuture<MiniCluster> cluster = new CompletableFuture<>();

    EmbeddedFlink(Configuration config) {
        this.config = new Configuration(config);
        this.config.set(DeploymentOptions.TARGET, EXECUTOR);
        this.config.set(DeploymentOptions.ATTACHED, true);
        Duration interval = config.get(ReelRankOptions.LOCAL_PROGRESS_INTERVAL);
        if (!interval.isZero()) {
            this.config.addAll(Configuration.fromMap(ProgressReporter.configuration(interval)));
            // The progress line names the job's status (running, restarting) from these gauges.
            this.config.set(MetricOptions.JOB_STATUS_METRICS,
                    List.of(MetricOptions.JobStatusMetrics.STATE, MetricOptions.JobStatusMetrics.CURRENT_TIME));
        }
    }

    /** An environment whose jobs run on this embedded cluster. */
    StreamExecutionEnvironment environment() {
        return new StreamExecutionEnvironment(this, config, EmbeddedFlink.class.getClassLoader());
    }

    /**
     * Submits the job {@code env} defines and prints {@code summary} to stderr with the address
     * of the cluster's REST API and web UI, which exists only from now on.
     */
    JobClient start(StreamExecutionEnvironment env, String jobName, StartupSummary summary) throws Exception {
        JobClient job = env.executeAsync(jobName);
        URI webUi = cluster.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).getRestAddress()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.err.print(summary.withWebUi(webUi).render());
        System.err.flush();
        return job;
    }

    /** Waits for the cluster to shut down; Flink starts that when the job has ended. */
    @Override
    public void close() throws Exception {
        MiniCluster started = cluster.getNow(null);
        if (started != null) {
            started.closeAsync().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
        return new PipelineExecutorFactory() {
            @Override
            public String getName() {
                return EXECUTOR;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
                return EXECUTOR.equals(configuration.get(DeploymentOptions.TARGET));
            }

            @Override
            public PipelineExecutor getExecutor(Configuration configuration) {
                return LocalExecutor.createWithFactory(configuration, miniClusterConfig -> {
                    MiniCluster miniCluster = new MiniCluster(miniClusterConfig);
                    cluster.complete(miniCluster);
                    return miniCluster;
                });
            }
        };
    }

    @Override
    public Stream<String> getExecutorNames() {
        return Stream.of(EXECUTOR);
    }
}
