package io.reelrank.udf.scoring;

import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.ModelVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the current version of one registry model to every scoring slot of a TaskManager and
 * swaps in new versions without a restart. One watcher, with one poller thread, exists per
 * {@link ModelSource} and {@link SessionSettings} per JVM (class loader); slots {@linkplain
 * #subscribe subscribe} and unsubscribe, and the last one out stops it.
 *
 * <p>Every {@code pollInterval} the poller reads the registry: with a {@code CURRENT} pointer the
 * version it names should serve, else the newest version. A version that differs from the
 * serving one is loaded in the background and validated ({@link ModelRegistry#load}, then {@link
 * ModelValidator}); only then does it replace the serving model, atomically for all slots.
 * Batches that started on the old model finish on it ({@link ServingModel}). A version that fails
 * is logged, reported to the listeners and remembered by its files' fingerprint, so it is not
 * re-read every poll; the previous version keeps serving. Rolling back is pointing {@code
 * CURRENT} at the old version (or publishing it again under a newer one).
 *
 * <p>The shadow model, when the source or the {@code SHADOW} pointer names one, is loaded and
 * validated the same way and never serves.
 */
public final class ModelWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);
    private static final long STOP_WAIT_SECONDS = 30;
    // The per-JVM watchers, like the sessions in SharedOrtSessions: shared by the slots of a TaskManager.
    private static final Map<Key, ModelWatcher> WATCHERS = new HashMap<>();

    private final Key key;
    private final ModelRegistry registry;
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ServingModel> serving = new AtomicReference<>();
    private final AtomicReference<ServingModel> shadow = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;
    private int subscribers;

    /** What a slot hears about the watcher's decisions (metrics, logs). Called on the poller thread. */
    public interface Listener {
        void swapped(ModelVersion from, ModelVersion to);

        void rejected(String version, String reason);
    }

    private record Key(ModelSource source, SessionSettings session) {}

    private ModelWatcher(Key key) {
        this.key = key;
        this.registry = key.source().registry();
    }

    /**
     * Joins the JVM's watcher of {@code source}, creating it - and loading the version to serve,
     * which throws when none is valid - on first use.
     */
    public static ModelWatcher subscribe(ModelSource source, SessionSettings session, Listener listener)
            throws InvalidModelException {
        synchronized (WATCHERS) {
            Key key = new Key(source, session);
            ModelWatcher watcher = WATCHERS.get(key);
            if (watcher == null) {
                watcher = new ModelWatcher(key);
                watcher.start();
                WATCHERS.put(key, watcher);
            }
            watcher.subscribers++;
            watcher.listeners.add(listener);
            return watcher;
        }
    }

    /** Leaves the watcher; the last subscriber stops its poller and releases its models. */
    public void unsubscribe(Listener listener) {
        synchronized (WATCHERS) {
            listeners.remove(listener);
            if (--subscribers > 0) {
                return;
            }
            WATCHERS.remove(key);
        }
        stop();
    }

    /** The serving model, retained for one batch: {@link ServingModel#release()} it when the batch is done. */
    public ServingModel retainServing() {
        while (true) {
            ServingModel model = serving.get();
            if (model == null) {
                throw new IllegalStateException("watcher of " + key.source().modelName() + " has stopped");
            }
            if (model.retain()) {
                return model;
            }
        }
    }

    /** The shadow model retained for one batch, or null when none is configured. */
    public ServingModel retainShadow() {
        while (true) {
            ServingModel model = shadow.get();
            if (model == null || model.retain()) {
                return model;
            }
        }
    }

    public ModelVersion servingVersion() {
        ServingModel model = serving.get();
        return model == null ? null : model.version();
    }

    /** Reads the registry now and swaps if it names a new valid version; the poller calls this. */
    public synchronized void poll() {
        try {
            ModelVersion current = servingVersion();
            String pinned = registry.pinnedVersion(key.source().modelName());
            List<String> candidates = pinned != null ? List.of(pinned) : registry.versions(key.source().modelName());
            for (String version : candidates) {
                if (current == null || version.equals(current.version())) {
                    break;
                }
                ServingModel next = loadOrRemember(version, null);
                if (next != null) {
                    swapServing(next);
                    break;
                }
            }
            pollShadow();
        } catch (Exception e) {
            LOG.warn("Polling model registry {} failed; still serving {}", key.source().registryRoot(),
                    servingVersion(), e);
        }
    }

    private void start() throws InvalidModelException {
        String name = key.source().modelName();
        List<String> reasons = new ArrayList<>();
        try {
            String pinned = registry.pinnedVersion(name);
            List<String> candidates = pinned != null ? List.of(pinned) : registry.versions(name);
            for (String version : candidates) {
                ServingModel first = loadOrRemember(version, reasons);
                if (first != null) {
                    swapServing(first);
                    break;
                }
            }
            if (serving.get() != null) {
                pollShadow();
            }
        } catch (Exception e) {
            reasons.add("reading " + key.source().registryRoot() + " failed: " + e);
        }
        if (serving.get() == null) {
            stop();
            throw new InvalidModelException("no valid version of model '" + name + "' in " + key.source().registryRoot()
                    + (reasons.isEmpty() ? ": export one to <registry>/" + name + "/<version>/{model.onnx,model.json}"
                            : ":\n  " + String.join("\n  ", reasons)));
        }
        if (!key.source().pollInterval().isZero()) {
            long millis = Math.max(1, key.source().pollInterval().toMillis());
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "reelrank-model-watcher-" + name);
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void pollShadow() throws Exception {
        String name = key.source().modelName();
        String wanted = key.source().shadowVersion() != null ? key.source().shadowVersion() : registry.shadowVersion(name);
        ServingModel current = shadow.get();
        if (wanted == null) {
            if (current != null) {
                LOG.info("Shadow scoring with {} stopped: no shadow version configured", current.version());
                retire(shadow.getAndSet(null));
            }
        } else if (current == null || !wanted.equals(current.version().version())) {
            ServingModel next = loadOrRemember(wanted, null);
            if (next != null) {
                LOG.info("Shadow-scoring with {} beside serving {}", next.version(), servingVersion());
                retire(shadow.getAndSet(next));
            }
        }
        serving.get().lease().markServing();
    }

    /** Loads and validates {@code version}, or records why not and returns null. */
    private ServingModel loadOrRemember(String version, List<String> reasons) throws Exception {
        String fingerprint = registry.fingerprint(key.source().modelName(), version);
        if (rejected.contains(fingerprint)) {
            return null;
        }
        try {
            return ModelValidator.validate(key.source().load(version), key.session());
        } catch (Exception e) {
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            rejected.add(fingerprint);
            LOG.error("Rejected model {}/{}: {}. Still serving {}.", key.source().modelName(), version, reason,
                    servingVersion() == null ? "nothing yet" : servingVersion());
            if (reasons != null) {
                reasons.add(version + ": " + reason);
            }
            listeners.forEach(listener -> listener.rejected(key.source().modelName() + "/" + version, reason));
            return null;
        }
    }

    private void swapServing(ServingModel next) {
        next.lease().markServing();
        ServingModel previous = serving.getAndSet(next);
        if (previous == null) {
            LOG.info("Serving model {} from {} on {}", next.version(), next.model().location(), next.device());
            return;
        }
        LOG.info("Swapped model {} -> {} ({} on {}); {} closes after its in-flight batches", previous.version(),
                next.version(), next.model().location(), next.device(), previous.version());
        retire(previous);
        listeners.forEach(listener -> listener.swapped(previous.version(), next.version()));
    }

    private void stop() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            retire(serving.getAndSet(null));
            retire(shadow.getAndSet(null));
        }
    }

    private static void retire(ServingModel model) {
        if (model != null) {
            model.retire();
        }
    }
}
