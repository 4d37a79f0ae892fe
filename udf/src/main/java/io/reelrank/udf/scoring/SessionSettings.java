package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.Serializable;

/**
 * How ONNX Runtime runs a model on a TaskManager.
 *
 * <p>{@code intraOpThreads} and {@code interOpThreads} size the per-JVM thread pools all sessions
 * share (see {@link SessionFactory}); ONNX Runtime fixes them when its environment is created,
 * so the first acquirer in a TaskManager JVM sets them and later values are ignored (and logged).
 * 0 lets ONNX Runtime choose. {@code cpuMemoryArena} trades memory for fewer allocations per run;
 * {@code device} picks the execution provider (see {@link ScoringDevice}).
 */
public record SessionSettings(
        int intraOpThreads,
        int interOpThreads,
        OptLevel optimizationLevel,
        boolean cpuMemoryArena,
        ScoringDevice device)
        implements Serializable {

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime's default)");
        }
        if (optimizationLevel == null) {
            throw new IllegalArgumentException("optimizationLevel must be set, e.g. ALL_OPT");
        }
        if (device == null) {
            throw new IllegalArgumentException("device must be set: AUTO, CPU or CUDA");
        }
    }

    /** One intra-op thread per JVM, all graph optimisations, arena on, CUDA when present. */
    public static SessionSettings defaults() {
        return new SessionSettings(1, 1, OptLevel.ALL_OPT, true, ScoringDevice.AUTO);
    }

    public SessionSettings withDevice(ScoringDevice newDevice) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimizationLevel, cpuMemoryArena, newDevice);
    }
}
