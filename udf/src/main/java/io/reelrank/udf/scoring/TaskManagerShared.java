package io.reelrank.udf.scoring;

import io.reelrank.udf.model.SharedWatchers;

/**
 * The one holder of per-JVM state in ReelRank: nothing else in the job keeps static mutable
 * state, and both fields below are static only because the JVM's native resources demand it.
 *
 * <ul>
 *   <li>{@link #sessions()}: ONNX Runtime's environment (one per process), its thread pools and
 *       the native sessions. A session holds the model's weights and its own memory arena, so the
 *       slots of a TaskManager share one session per model instead of loading it once per slot, and
 *       one set of thread pools instead of one per slot. Whether CUDA is unusable is remembered
 *       here too, so {@code device: auto} tries it and warns once per TaskManager.
 *   <li>{@link #modelWatchers()}: one watcher per model source and session settings, so a
 *       TaskManager polls the registry once per model, holds each version's session once and swaps
 *       all its slots at the same moment.
 * </ul>
 *
 * <p>Statics live per class loader: slots and failover restarts of one job share them; another job
 * submission gets its own, unless reelrank-udf and onnxruntime are put in Flink's {@code lib/}.
 * {@link BatchingScorer} registers {@link SharedOrtSessions#closeIdleSessions()} as the job class
 * loader's release hook, so sessions do not outlive the job.
 */
public final class TaskManagerShared {

    private static final SharedOrtSessions SESSIONS = new SharedOrtSessions();
    private static final SharedWatchers<SessionLease> MODEL_WATCHERS = new SharedWatchers<>();

    private TaskManagerShared() {}

    public static SharedOrtSessions sessions() {
        return SESSIONS;
    }

    public static SharedWatchers<SessionLease> modelWatchers() {
        return MODEL_WATCHERS;
    }
}
