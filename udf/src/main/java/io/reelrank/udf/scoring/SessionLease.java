package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelRuntime;

/**
 * A claim on a session of {@link SharedOrtSessions}: the ONNX Runtime form of a {@link
 * ModelRuntime}. Close it when its scorer closes; not for use after close.
 */
public final class SessionLease implements ModelRuntime {

    private final SharedOrtSessions sessions;
    private final OrtEnvironment environment;
    private final CachedSession cached;
    private final LoadedModel model;
    private boolean released; // guarded by sessions

    SessionLease(SharedOrtSessions sessions, OrtEnvironment environment, CachedSession cached, LoadedModel model) {
        this.sessions = sessions;
        this.environment = environment;
        this.cached = cached;
        this.model = model;
    }

    public OrtSession session() {
        synchronized (sessions) {
            checkNotReleased();
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
     * SharedOrtSessions#acquire} it does not mark the model as serving, so sharing an old model's
     * lease during a swap never keeps that model's session beyond its last lease.
     */
    public SessionLease share() {
        synchronized (sessions) {
            checkNotReleased();
            return sessions.share(this, cached);
        }
    }

    /** Makes this lease's model the one whose session survives its last release. */
    @Override
    public void markServing() {
        sessions.markServing(cached);
    }

    @Override
    public void close() {
        synchronized (sessions) {
            if (!released) {
                released = true;
                sessions.release(cached);
            }
        }
    }

    /** Releases the lease and, when it was the last, closes the session: for a model that was rejected. */
    void closeAndEvict() {
        synchronized (sessions) {
            close();
            sessions.evict(cached);
        }
    }

    private void checkNotReleased() {
        if (released) {
            throw new IllegalStateException("lease on model " + model.version() + " already released");
        }
    }
}
