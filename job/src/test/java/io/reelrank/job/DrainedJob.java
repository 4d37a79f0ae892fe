package io.reelrank.job;

import io.reelrank.udf.contract.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The generator-fed topology running on the test's MiniCluster, its recommendations drained by a
 * thread of their own: the collect sink never backs up, so a savepoint never waits for the test to
 * read, and the test takes the model versions it needs from a queue.
 */
final class DrainedJob implements AutoCloseable {

    private static final long WAIT_SECONDS = 60;
    /** Queued after the last recommendation, when the job has ended. */
    private static final String ENDED = "";

    final JobClient client;
    private final CloseableIterator<Recommendation> recommendations;
    private final BlockingQueue<String> versions = new LinkedBlockingQueue<>();
    private final Thread drain;
    private volatile Exception failure;

    private DrainedJob(JobClient client, CloseableIterator<Recommendation> recommendations) {
        this.client = client;
        this.recommendations = recommendations;
        drain = new Thread(this::drain, "recommendations-drain");
        drain.setDaemon(true);
        drain.start();
    }

    static DrainedJob start(Configuration config, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), JobSettings.from(config));
        CloseableIterator<Recommendation> recommendations = outputs.recommendations().collectAsync();
        return new DrainedJob(env.executeAsync(name), recommendations);
    }

    JobID id() {
        return client.getJobID();
    }

    /** The {@code model_version} of the next {@code count} recommendations. */
    List<String> nextVersions(int count) throws InterruptedException {
        List<String> next = new ArrayList<>(count);
        while (next.size() < count) {
            String version = versions.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (version == null) {
                throw new AssertionError("no recommendation within " + WAIT_SECONDS + " s");
            }
            if (version.equals(ENDED)) {
                versions.add(ENDED);
                throw new AssertionError("the job ended after " + next.size() + " more recommendations", failure);
            }
            next.add(version);
        }
        return next;
    }

    private void drain() {
        try {
            while (recommendations.hasNext()) {
                versions.add(recommendations.next().modelVersion());
            }
        } catch (Exception e) {
            failure = e;
        }
        versions.add(ENDED);
    }

    /** Cancels the job unless it has ended, and stops draining. */
    @Override
    public void close() throws Exception {
        if (!client.getJobStatus().get().isGloballyTerminalState()) {
            client.cancel().get();
        }
        recommendations.close();
        drain.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
}
