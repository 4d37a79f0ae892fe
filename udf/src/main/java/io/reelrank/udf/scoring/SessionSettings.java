package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.Serializable;

/**
 * How ONNX Runtime runs a model on a TaskManager.
 *
 * <p>{@code intraOpThreads} and {@code interOpThreads} size the per-JVM thread pools all sessions
 * share (see {@link SharedOrtSessions}); ONNX Runtime fixes them when its environment is created,
 * so the first acquirer in a TaskManager JVM sets them and later values are ignored (and logged).
 * 0 lets ONNX Runtime choose. {@code cpuMemoryArena} trades memory for fewer allocations per run;
 * {@code preferCuda} adds the CUDA execution provider when the onnxruntime_gpu build finds a GPU
 * and falls back to CPU otherwise.
 */
public record SessionSettings(
        int intraOpThreads, int interOpThreads, OptLevel optimizationLevel, boolean cpuMemoryArena, boolean preferCuda)
        implements Serializable {

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default)");
        }
        if (optimizationLevel == null) {
            throw new IllegalArgumentException("optimizationLevel must be set, e.g. ALL_OPT");
        }
    }

    /** One intra-op thread per JVM, all graph optimisations, arena on, CUDA when present. */
    public static SessionSettings defaults() {
        return new SessionSettings(1, 1, OptLevel.ALL_OPT, true, true);
    }
}
