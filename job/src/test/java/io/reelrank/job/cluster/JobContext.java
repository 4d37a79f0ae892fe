package io.reelrank.job.cluster;

import java.io.IOException;

/**
 * Turns "timed out waiting for X" into a message that says why: the job's state and the
 * exceptions Flink recorded (a job that keeps restarting never reaches FAILED with the
 * cluster's exponential-delay restart strategy).
 */
final class JobContext {
    private JobContext() {}

    static <T> T explain(FlinkRestClient rest, String jobId, Poll.Check<T> wait) throws IOException, InterruptedException {
        try {
            return wait.attempt();
        } catch (IllegalStateException timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; job " + jobId + " is "
                    + rest.jobState(jobId) + ", exceptions: " + rest.get("/jobs/" + jobId + "/exceptions"), timedOut);
        }
    }
}
