package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.model.LoadedModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The execution providers. On a machine without CUDA the CUDA test skips with the reason; run it
 * on a GPU host with the onnxruntime_gpu build ({@code mvn -Pgpu}, see docs/gpu.md), where it
 * also prints batch latencies on both devices.
 */
class CudaScoringTest {

    private static final int BATCH_ROWS = 1024;
    private static final int TIMED_RUNS = 200;
    private static final SharedOrtSessions SESSIONS = TaskManagerShared.sessions();

    @Test
    void cudaScoresLikeTheCpuWhereAGpuIsPresent() throws Exception {
        LoadedModel model = TestModels.linear();
        SessionLease lease = cudaLeaseOrSkip(model);
        int width = TestModels.width();
        float[] rows = TestModels.rows(5, BATCH_ROWS, width);
        try (OnnxScorer cuda = new OnnxScorer(lease);
                OnnxScorer cpu = new OnnxScorer(
                        SESSIONS.acquire(model, SessionSettings.defaults().withDevice(ScoringDevice.CPU)))) {
            assertThat(lease.device()).isEqualTo(ScoringDevice.CUDA);
            assertThat(cuda.score(rows, BATCH_ROWS, width))
                    .containsExactly(TestModels.expectedScores(rows, width), within(1e-4f));
            System.out.printf("batch of %d rows x %d features, median of %d runs: cuda %.1f us, cpu %.1f us%n",
                    BATCH_ROWS, width, TIMED_RUNS, medianMicros(cuda, rows, width), medianMicros(cpu, rows, width));
        }
    }

    @Test
    void cudaFailsFastWithWhatToDoWhenItCannotBeUsed() throws Exception {
        LoadedModel model = TestModels.unregistered("flat-output");
        Assumptions.assumeFalse(CudaProvider.inThisBuild(),
                "this is the onnxruntime_gpu build: whether CUDA fails depends on the host, see the CUDA test");

        assertThatThrownBy(() -> SESSIONS.acquire(model, SessionSettings.defaults().withDevice(ScoringDevice.CUDA)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reelrank.scoring.device is cuda but CUDA cannot be used")
                .hasMessageContaining("mvn -Pgpu");
    }

    @Test
    void autoFallsBackToCpuWithoutCuda() throws Exception {
        Assumptions.assumeFalse(CudaProvider.inThisBuild(), "this build has the CUDA provider");
        try (SessionLease lease =
                SESSIONS.acquire(TestModels.unregistered("flat-output"), SessionSettings.defaults())) {
            assertThat(lease.device()).isEqualTo(ScoringDevice.CPU);
        }
    }

    private static SessionLease cudaLeaseOrSkip(LoadedModel model) throws Exception {
        Assumptions.assumeTrue(CudaProvider.inThisBuild(), "skipped: this ONNX Runtime build has no CUDA execution"
                + " provider; run `mvn -B -Pgpu -pl udf -am verify -Dtest=CudaScoringTest -Dsurefire.failIfNoSpecifiedTests=false` on a GPU host (docs/gpu.md)");
        try {
            return SESSIONS.acquire(model, SessionSettings.defaults().withDevice(ScoringDevice.CUDA));
        } catch (IllegalStateException e) {
            Assumptions.abort("skipped: the CUDA provider is in this build but unusable here: " + e.getMessage());
            throw e;
        }
    }

    private static double medianMicros(OnnxScorer scorer, float[] rows, int width) throws Exception {
        for (int i = 0; i < 20; i++) {
            scorer.score(rows, BATCH_ROWS, width);
        }
        long[] nanos = new long[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long start = System.nanoTime();
            scorer.score(rows, BATCH_ROWS, width);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[TIMED_RUNS / 2] / 1_000.0;
    }
}
