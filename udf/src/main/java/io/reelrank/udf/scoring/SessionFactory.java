package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.reelrank.udf.model.LoadedModel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the native sessions of {@link SharedOrtSessions}: creates the JVM's one {@link
 * OrtEnvironment}, with global intra-/inter-op thread pools that all sessions share (spinning off,
 * so idle pools do not burn the cores Flink's other operators need), and places each session on the
 * device its {@link SessionSettings} ask for (see {@link CudaProvider}). Not thread-safe: the cache
 * calls it under its lock.
 */
final class SessionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

    private final AtomicBoolean cudaUnusable = new AtomicBoolean();
    private OrtEnvironment environment;
    private SessionSettings environmentSettings;
    private boolean globalThreadPools;

    /** A session and the device it runs on: {@code CUDA} or {@code CPU}, never {@code AUTO}. */
    record DeviceSession(OrtSession session, ScoringDevice device) {}

    /** The environment, created on first use; the first settings size its thread pools, later ones are ignored. */
    OrtEnvironment environment(SessionSettings settings) throws OrtException {
        if (environment != null) {
            if (!settings.equals(environmentSettings)) {
                LOG.info("ONNX Runtime thread pools were sized by {}; ignoring {}", environmentSettings, settings);
            }
            return environment;
        }
        try (OrtEnvironment.ThreadingOptions threading = new OrtEnvironment.ThreadingOptions()) {
            threading.setGlobalIntraOpNumThreads(settings.intraOpThreads());
            threading.setGlobalInterOpNumThreads(settings.interOpThreads());
            threading.setGlobalSpinControl(false);
            environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "reelrank", threading);
            globalThreadPools = true;
        } catch (IllegalStateException alreadyCreated) {
            // ONNX Runtime allows one environment per process. With onnxruntime in Flink's lib/, an
            // earlier job submission made it, and its global pools cannot be confirmed from here.
            LOG.info("ONNX Runtime's environment already exists in this TaskManager (made by an earlier job"
                    + " submission or other code); sessions use their own thread pools of {} intra-op and {}"
                    + " inter-op threads, which scores the same", settings.intraOpThreads(), settings.interOpThreads());
            environment = OrtEnvironment.getEnvironment();
            globalThreadPools = false;
        }
        environmentSettings = settings;
        return environment;
    }

    /**
     * CUDA first unless the device is CPU. When the CUDA session fails but a CPU session of the
     * same bytes loads, CUDA was the problem (no provider, driver or GPU): {@code cuda} fails fast,
     * {@code auto} warns once and serves from CPU, and later models skip the CUDA attempt. When both
     * fail the model is the problem.
     */
    DeviceSession create(OrtEnvironment env, LoadedModel model, SessionSettings settings) throws OrtException {
        boolean skipCuda = settings.device() == ScoringDevice.AUTO && cudaUnusable.get();
        if (settings.device() == ScoringDevice.CPU || skipCuda) {
            return new DeviceSession(session(env, model, settings, false), ScoringDevice.CPU);
        }
        Exception cudaFailure;
        try {
            return new DeviceSession(session(env, model, settings, true), ScoringDevice.CUDA);
        } catch (OrtException | IllegalStateException e) {
            cudaFailure = e;
        }
        OrtSession cpu = session(env, model, settings, false);
        if (settings.device() == ScoringDevice.CUDA) {
            cpu.close();
            throw CudaProvider.unusable(cudaFailure);
        }
        if (cudaUnusable.compareAndSet(false, true)) {
            CudaProvider.warnFallback(cudaFailure);
        }
        return new DeviceSession(cpu, ScoringDevice.CPU);
    }

    private OrtSession session(OrtEnvironment env, LoadedModel model, SessionSettings settings, boolean cuda)
            throws OrtException {
        try (SessionOptions options = new SessionOptions()) {
            options.setOptimizationLevel(settings.optimizationLevel());
            options.setCPUArenaAllocator(settings.cpuMemoryArena());
            if (globalThreadPools) {
                options.disablePerSessionThreads();
            } else {
                options.setIntraOpNumThreads(settings.intraOpThreads());
                options.setInterOpNumThreads(settings.interOpThreads());
            }
            if (cuda) {
                CudaProvider.add(options);
            }
            return env.createSession(model.onnxBytes(), options);
        }
    }
}
