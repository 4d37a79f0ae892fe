package io.reelrank.udf.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the current version of one registry model and swaps in new versions without a restart.
 * The scoring slots of a TaskManager share one watcher per source and validator ({@link
 * SharedWatchers}).
 *
 * <p>Every {@code pollInterval} the watcher reads the registry: with a {@code CURRENT} pointer the
 * version it names should serve, else the newest version. A version that differs from the serving
 * one is loaded in the background and validated ({@link ModelRegistry#load}, then the {@link
 * ModelValidator}); only then does it replace the serving model, atomically for all slots.
 * Batches that started on the old model finish on it ({@link ServingModel}). A version that fails
 * is logged, reported to the listeners and not read again until its files change ({@link
 * VersionLoader}); the previous version keeps serving. Rolling back is pointing {@code CURRENT} at
 * the old version (or publishing it again under a newer one).
 *
 * <p>The {@link ShadowModel}, when the source or the {@code SHADOW} pointer names one, is loaded
 * and validated the same way and never serves.
 */
public final class ModelWatcher<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final ModelSource source;
    private final ModelValidator<R> validator;
    private final ModelRegistry registry;
    private final VersionLoader<R> loader;
    private final ShadowModel<R> shadow;
    private final AtomicReference<ServingModel<R>> serving = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private RegistryPoller poller;

    /** What a slot hears about the watcher's decisions (metrics, logs). Called on the poller thread. */
    public interface Listener {
        void swapped(ModelVersion from, ModelVersion to);

        void rejected(String version, String reason);
    }

    private ModelWatcher(ModelSource source, ModelValidator<R> validator) {
        this.source = source;
        this.validator = validator;
        this.registry = source.registry();
        this.loader = new VersionLoader<>(source, validator);
        this.shadow = new ShadowModel<>(loader, this::reject);
    }

    /** Loads the version to serve, throwing when none is valid, and starts polling. */
    static <R extends ModelRuntime> ModelWatcher<R> start(ModelSource source, ModelValidator<R> validator)
            throws InvalidModelException {
        ModelWatcher<R> watcher = new ModelWatcher<>(source, validator);
        watcher.serveFirstVersion();
        watcher.poller = RegistryPoller.start(source.modelName(), source.pollInterval(), watcher::poll);
        return watcher;
    }

    ModelSource source() {
        return source;
    }

    ModelValidator<R> validator() {
        return validator;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** The serving model, retained for one batch: {@link ServingModel#release()} it when the batch is done. */
    public ServingModel<R> retainServing() {
        while (true) {
            ServingModel<R> model = serving.get();
            if (model == null) {
                throw new IllegalStateException("watcher of " + source.modelName() + " has stopped");
            }
            if (model.retain()) {
                return model;
            }
        }
    }

    /** The shadow model retained for one batch, or null when none is configured. */
    public ServingModel<R> retainShadow() {
        return shadow.retain();
    }

    public ModelVersion servingVersion() {
        ServingModel<R> model = serving.get();
        return model == null ? null : model.version();
    }

    /** Reads the registry now and swaps if it names a new valid version; the poller calls this. */
    public synchronized void poll() {
        if (serving.get() == null) {
            return; // stopped
        }
        try {
            ServingModel<R> next = nextServing(this::reject);
            if (next != null) {
                swapServing(next);
            }
            followShadow();
        } catch (Exception e) {
            LOG.warn("Polling model registry {} failed; still serving {}", source.registryRoot(), servingVersion(), e);
        }
    }

    private void serveFirstVersion() throws InvalidModelException {
        List<String> reasons = new ArrayList<>();
        try {
            ServingModel<R> first = nextServing((version, reason) -> {
                reject(version, reason);
                reasons.add(version + ": " + reason);
            });
            if (first != null) {
                swapServing(first);
                followShadow();
            }
        } catch (Exception e) {
            reasons.add("reading " + source.registryRoot() + " failed: " + e);
        }
        if (serving.get() == null) {
            stop();
            String name = source.modelName();
            throw new InvalidModelException("no valid version of model '" + name + "' in " + source.registryRoot()
                    + (reasons.isEmpty() ? ": export one to <registry>/" + name + "/<version>/{model.onnx,model.json}"
                            : ":\n  " + String.join("\n  ", reasons)));
        }
    }

    /**
     * The version the registry names now, loaded and validated: the one {@code CURRENT} pins, else
     * the newest that validates. Null when that version already serves or none newer validates.
     */
    private ServingModel<R> nextServing(VersionLoader.Rejections rejections) throws IOException {
        String pinned = registry.pinnedVersion(source.modelName());
        List<String> candidates = pinned != null ? List.of(pinned) : registry.versions(source.modelName());
        ModelVersion current = servingVersion();
        for (String version : candidates) {
            if (current != null && version.equals(current.version())) {
                return null;
            }
            ServingModel<R> next = loader.loadOrReject(version, rejections);
            if (next != null) {
                return next;
            }
        }
        return null;
    }

    private void followShadow() throws IOException {
        String wanted = source.shadowVersion() != null
                ? source.shadowVersion()
                : registry.shadowVersion(source.modelName());
        shadow.follow(wanted, servingVersion());
        // Loading a shadow model may have marked it; the serving model's runtime is the one to keep.
        serving.get().runtime().markServing();
    }

    private void swapServing(ServingModel<R> next) {
        next.runtime().markServing();
        ServingModel<R> previous = serving.getAndSet(next);
        if (previous == null) {
            LOG.info("Serving model {} from {} on {}", next.version(), next.model().location(),
                    next.runtime().deviceName());
            return;
        }
        LOG.info("Swapped model {} -> {} ({} on {}); {} closes after its in-flight batches", previous.version(),
                next.version(), next.model().location(), next.runtime().deviceName(), previous.version());
        previous.retire();
        listeners.forEach(listener -> listener.swapped(previous.version(), next.version()));
    }

    private void reject(String version, String reason) {
        LOG.error("Rejected model {}/{}: {}. Still serving {}.", source.modelName(), version, reason,
                servingVersion() == null ? "nothing yet" : servingVersion());
        listeners.forEach(listener -> listener.rejected(source.modelName() + "/" + version, reason));
    }

    /** Stops polling and drops the serving and shadow models; batches already on them finish. */
    void stop() {
        if (poller != null) {
            poller.stop();
        }
        synchronized (this) {
            ServingModel<R> last = serving.getAndSet(null);
            if (last != null) {
                last.retire();
            }
            shadow.close();
        }
    }
}
