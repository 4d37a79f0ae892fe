package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelRuntime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one per-JVM holder of ONNX Runtime state in ReelRank. Static state is deliberate here: a
 * native session holds the model's weights and its own memory arena, so every scoring slot of a
 * TaskManager should share one session per model rather than load it once per slot.
 *
 * <ul>
 *   <li>One {@link OrtEnvironment} with global intra-/inter-op thread pools (spinning off, so idle
 *       pools do not burn the cores Flink's other operators need). Sessions use those pools, so
 *       N slots do not start N pools. The first acquirer's {@link SessionSettings} size them.
 *   <li>Sessions are cached by the sha256 of the model bytes and the device asked for, and
 *       reference-counted by {@link Lease}s. Releasing the last lease does not close a session
 *       of the serving (newest) model: a slot that restarts after a failover finds it still
 *       loaded. Sessions of other models are closed as soon as nobody leases them, i.e. once the
 *       last batch on an old model has finished after a swap ({@link ModelWatcher}).
 * </ul>
 *
 * <p>{@link SessionSettings#device()} picks the execution provider (see {@link CudaProvider}).
 *
 * <p>Statics live per class loader: slots and failover restarts of one job share them; another
 * job submission gets its own, unless reelrank-udf and onnxruntime are put in Flink's {@code
 * lib/}. {@link #closeIdleSessions()} is registered as the job class loader's release hook so
 * sessions do not outlive the job.
 */
public final class SharedOrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedOrtSessions.class);
    private static final Object LOCK = new Object();
    private static final Map<String, CachedSession> SESSIONS = new HashMap<>();

    private static OrtEnvironment environment;
    private static SessionSettings environmentSettings;
    private static boolean globalThreadPools;
    private static String newestKey;

    private SharedOrtSessions() {}

    /** Leases the session for {@code model}, creating it on first use in this JVM. */
    public static Lease acquire(LoadedModel model, SessionSettings settings) throws OrtException {
        synchronized (LOCK) {
            OrtEnvironment env = environment(settings);
            String key = model.sha256() + "@" + settings.device();
            CachedSession cached = SESSIONS.get(key);
            if (cached == null) {
                cached = createSession(env, key, model, settings);
                SESSIONS.put(key, cached);
                LOG.info("Loaded ONNX model {} from {} on {}", model.version(), model.location(), cached.device);
            }
            cached.leases++;
            newestKey = key;
            closeIdleSessionsOfOlderModels();
            return new Lease(env, cached, model);
        }
    }

    /** Closes every session nobody leases; used when the job's class loader is released. */
    public static void closeIdleSessions() {
        synchronized (LOCK) {
            closeIdle(null);
        }
    }

    static boolean isCached(String sha256) {
        synchronized (LOCK) {
            return SESSIONS.keySet().stream().anyMatch(key -> key.startsWith(sha256 + "@"));
        }
    }

    private static void closeIdleSessionsOfOlderModels() {
        closeIdle(newestKey);
    }

    private static void closeIdle(String keepKey) {
        for (Iterator<CachedSession> it = SESSIONS.values().iterator(); it.hasNext(); ) {
            CachedSession cached = it.next();
            if (cached.leases == 0 && !cached.key.equals(keepKey)) {
                it.remove();
                try {
                    cached.session.close();
                } catch (OrtException e) {
                    LOG.warn("Closing ONNX session of model {} failed", cached.key, e);
                }
            }
        }
    }

    private static OrtEnvironment environment(SessionSettings settings) throws OrtException {
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
            // Other code in this JVM created the environment first, without our global pools;
            // sessions then need their own threads.
            LOG.warn("OrtEnvironment already existed; ONNX sessions use per-session thread pools");
            environment = OrtEnvironment.getEnvironment();
            globalThreadPools = false;
        }
        environmentSettings = settings;
        return environment;
    }

    /**
     * CUDA first unless the device is CPU. When the CUDA session fails but a CPU session of the
     * same bytes loads, CUDA was the problem (no provider, driver or GPU): {@code cuda} fails fast,
     * {@code auto} warns once and serves from CPU. When both fail the model is the problem.
     */
    private static CachedSession createSession(
            OrtEnvironment env, String key, LoadedModel model, SessionSettings settings) throws OrtException {
        boolean skipCuda = settings.device() == ScoringDevice.AUTO && CudaProvider.knownUnusable();
        if (settings.device() == ScoringDevice.CPU || skipCuda) {
            return new CachedSession(key, createSession(env, model, settings, false), ScoringDevice.CPU);
        }
        Exception cudaFailure;
        try {
            return new CachedSession(key, createSession(env, model, settings, true), ScoringDevice.CUDA);
        } catch (OrtException | IllegalStateException e) {
            cudaFailure = e;
        }
        OrtSession cpu = createSession(env, model, settings, false);
        if (settings.device() == ScoringDevice.CUDA) {
            cpu.close();
            throw CudaProvider.unusable(cudaFailure);
        }
        CudaProvider.warnFallbackOnce(cudaFailure);
        return new CachedSession(key, cpu, ScoringDevice.CPU);
    }

    private static OrtSession createSession(
            OrtEnvironment env, LoadedModel model, SessionSettings settings, boolean cuda) throws OrtException {
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

    private static final class CachedSession {
        final String key;
        final OrtSession session;
        final ScoringDevice device;
        int leases;

        CachedSession(String key, OrtSession session, ScoringDevice device) {
            this.key = key;
            this.session = session;
            this.device = device;
        }
    }

    /** A claim on a shared session; close it when the scorer closes. Not for use after close. */
    public static final class Lease implements ModelRuntime {
        private final OrtEnvironment environment;
        private final CachedSession cached;
        private final LoadedModel model;
        private boolean released;

        private Lease(OrtEnvironment environment, CachedSession cached, LoadedModel model) {
            this.environment = environment;
            this.cached = cached;
            this.model = model;
        }

        public OrtSession session() {
            synchronized (LOCK) {
                if (released) {
                    throw new IllegalStateException("lease on model " + model.version() + " already released");
                }
                return cached.session;
            }
        }

        public OrtEnvironment environment() {
            return environment;
        }

        @Override
        public LoadedModel model() {
            return model;
        }

        /** Where the session runs: {@code CUDA} or {@code CPU}, never {@code AUTO}. */
        public ScoringDevice device() {
            return cached.device;
        }

        @Override
        public String deviceName() {
            return cached.device.name();
        }

        /**
         * Another lease on the same session, e.g. for one more scoring thread. Unlike {@link
         * #acquire} it does not mark the model as the newest, so sharing an old model's lease
         * during a swap never keeps that model's session beyond its last lease.
         */
        public Lease share() {
            synchronized (LOCK) {
                if (released) {
                    throw new IllegalStateException("lease on model " + model.version() + " already released");
                }
                cached.leases++;
                return new Lease(environment, cached, model);
            }
        }

        /** Makes this lease's model the one whose session survives its last release (the serving one). */
        @Override
        public void markServing() {
            synchronized (LOCK) {
                newestKey = cached.key;
            }
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (!released) {
                    released = true;
                    cached.leases--;
                    closeIdleSessionsOfOlderModels();
                }
            }
        }

        /** Releases the lease and, when it was the last, closes the session: for a model that was rejected. */
        void closeAndEvict() {
            synchronized (LOCK) {
                close();
                if (cached.leases == 0 && SESSIONS.get(cached.key) == cached) {
                    if (cached.key.equals(newestKey)) {
                        newestKey = null;
                    }
                    closeIdle(newestKey);
                }
            }
        }
    }
}
