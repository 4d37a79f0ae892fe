package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA execution provider: present only in the onnxruntime_gpu build (Maven profile {@code
 * gpu}), usable only where the NVIDIA driver, CUDA and cuDNN libraries load and a GPU is visible.
 */
final class CudaProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CudaProvider.class);
    private static final String HOW_TO = "build with `mvn -Pgpu` (onnxruntime_gpu) and run on a host with an NVIDIA"
            + " GPU, its driver, CUDA 12 and cuDNN 9 libraries on the library path, or set reelrank.scoring.device"
            + " to auto or cpu";

    private CudaProvider() {}

    static boolean inThisBuild() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /** Adds CUDA (device 0) to {@code options}; throws when this build or host cannot provide it. */
    static void add(SessionOptions options) throws OrtException {
        if (!inThisBuild()) {
            throw new IllegalStateException("this ONNX Runtime build has no CUDA execution provider (it has "
                    + OrtEnvironment.getAvailableProviders() + ")");
        }
        options.addCUDA(0);
    }

    /** The fail-fast error of {@code device: cuda}. */
    static IllegalStateException unusable(Exception cause) {
        return new IllegalStateException(
                "reelrank.scoring.device is cuda but CUDA cannot be used: " + cause.getMessage() + "; " + HOW_TO,
                cause);
    }

    /** The warning of {@code device: auto} without CUDA; {@link SessionFactory} gives it once per TaskManager. */
    static void warnFallback(Exception cause) {
        LOG.warn("reelrank.scoring.device is auto and CUDA cannot be used ({}); scoring on CPU. To use a GPU, {}",
                cause.getMessage(), HOW_TO);
    }
}
