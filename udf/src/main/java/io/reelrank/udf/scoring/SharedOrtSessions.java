package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.reelrank.udf.model.LoadedModel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime sessions that every scoring slot of a TaskManager shares, one per model and
 * device; the JVM's one instance lives in {@link TaskManagerShared}.
 *
 * <p>Sessions are cached by the sha256 of the model bytes and the device asked for, and
 * reference-counted by {@link SessionLease}s. Releasing the last lease does not close a session of
 * the serving (newest) model: a slot that restarts after a failover finds it still loaded.
 * Sessions of other models are closed as soon as nobody leases them, i.e. once the last batch on
 * an old model has finished after a swap. {@link SessionFactory} creates them; the lock of this
 * object guards the cache and every lease on it.
 */
public final class SharedOrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(SharedOrtSessions.class);

    private final SessionFactory factory = new SessionFactory();
    private final Map<String, CachedSession> sessions = new HashMap<>();
    private String servingKey;

    SharedOrtSessions() {}

    /** Leases the session for {@code model}, creating it on first use, and marks it as the serving one. */
    public synchronized SessionLease acquire(LoadedModel model, SessionSettings settings) throws OrtException {
        OrtEnvironment env = factory.environment(settings);
        String key = model.sha256() + "@" + settings.device();
        CachedSession cached = sessions.get(key);
        if (cached == null) {
            SessionFactory.DeviceSession created = factory.create(env, model, settings);
            cached = new CachedSession(key, created.session(), created.device());
            sessions.put(key, cached);
            LOG.info("Loaded ONNX model {} from {} on {}", model.version(), model.location(), cached.device);
        }
        cached.leases++;
        servingKey = key;
        closeIdle(servingKey);
        return new SessionLease(this, env, cached, model);
    }

    /** Closes every session nobody leases; used when the job's class loader is released. */
    public synchronized void closeIdleSessions() {
        closeIdle(null);
    }

    synchronized boolean isCached(String sha256) {
        return sessions.keySet().stream().anyMatch(key -> key.startsWith(sha256 + "@"));
    }

    /** Another lease on a leased session; it does not change which session serves. */
    synchronized SessionLease share(SessionLease lease, CachedSession cached) {
        cached.leases++;
        return new SessionLease(this, lease.environment(), cached, lease.model());
    }

    synchronized void markServing(CachedSession cached) {
        servingKey = cached.key;
    }

    synchronized void release(CachedSession cached) {
        cached.leases--;
        closeIdle(servingKey);
    }

    /** Closes {@code cached} once nobody leases it, even when it was marked serving: its model was rejected. */
    synchronized void evict(CachedSession cached) {
        if (cached.leases == 0 && sessions.get(cached.key) == cached) {
            if (cached.key.equals(servingKey)) {
                servingKey = null;
            }
            closeIdle(servingKey);
        }
    }

    private void closeIdle(String keepKey) {
        for (Iterator<CachedSession> it = sessions.values().iterator(); it.hasNext(); ) {
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
}
