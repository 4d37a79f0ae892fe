package io.reelrank.udf.scoring;

/**
 * Where ONNX Runtime runs the ranker. {@code CUDA} needs the onnxruntime_gpu build (Maven
 * profile {@code gpu}) and a usable GPU, and fails fast without one; {@code AUTO} tries CUDA and
 * falls back to CPU with one warning per TaskManager; {@code CPU} never touches CUDA.
 */
public enum ScoringDevice {
    AUTO,
    CPU,
    CUDA
}
