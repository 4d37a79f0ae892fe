package io.reelrank.udf.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A pointer naming a version that is missing or rejected never stops the job: it is reported
 * once ({@link RegistryPointers}, {@link #pointerUnusable()}) and the serving version stays; at
 * start, before anything serves, the newest valid version serves instead. Only a registry without
 * any valid version fails the start.
 *
 * <p>A watcher can start on a version to resume (the one that served at the checkpoint a job
 * restores from), so requests replayed after a failure are scored as before; when that version is
 * gone or now invalid it logs an ERROR and serves what the registry names. From the first poll on,
 * the pointers apply as above.
 *
 * <p>The {@link ShadowModel}, when the source or the {@code SHADOW} pointer names one, is loaded
 * and validated the same way and never serves.
 */
public final class ModelWatcher<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final ModelSource source;
    private final ModelValidator<R> validator;
    private final ModelRegistry registry;
    private final RegistryPointers<R> pointers;
    private final ServingPolicy<R> policy;
    private final ShadowModel<R> shadow;
    private final AtomicReference<ServingModel<R>> serving = new AtomicReference<>();
    private final WatcherListeners listeners = new WatcherListeners();
    private RegistryPoller poller;

    /** What a slot hears about the watcher's decisions (metrics, logs). Called on the poller thread. */
    public interface Listener {
        /**
         * Called once when the listener joins, before any other call: the swaps and rejections
         * since the watcher started, so a slot that joins later (or restarts) counts them too.
         */
        default void joined(long swaps, long rejections, String lastRejection) {}

        void swapped(ModelVersion from, ModelVersion to);

        void rejected(String version, String reason);
    }

    private ModelWatcher(ModelSource source, ModelValidator<R> validator) {
        this.source = source;
        this.validator = validator;
        this.registry = source.registry();
        VersionLoader<R> loader = new VersionLoader<>(source, validator);
        this.pointers = new RegistryPointers<>(source.modelName(), loader);
        this.policy = new ServingPolicy<>(source, loader, pointers);
        this.shadow = new ShadowModel<>(pointers, this::reject);
    }

    /**
     * Loads the version to serve - {@code resumeVersion} (e.g. {@code 3}) when it is given and
     * still valid, else what the registry names - throwing when none is valid, and starts polling.
     */
    static <R extends ModelRuntime> ModelWatcher<R> start(ModelSource source, ModelValidator<R> validator,
            String resumeVersion) throws InvalidModelException {
        ModelWatcher<R> watcher = new ModelWatcher<>(source, validator);
        watcher.serveFirstVersion(resumeVersion);
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

    /** The shadow version, or null when none is configured. */
    public ModelVersion shadowVersion() {
        return shadow.version();
    }

    /** True while {@code CURRENT} or the shadow pointer names a version that is missing or rejected. */
    public boolean pointerUnusable() {
        return pointers.anyUnusable();
    }

    /** Reads the registry now and swaps if it names a new valid version; the poller calls this. */
    public synchronized void poll() {
        if (serving.get() == null) {
            return; // stopped
        }
        try {
            List<String> versions = registry.versions(source.modelName());
            ServingModel<R> next = policy.next(servingVersion(), versions, this::reject);
            if (next != null) {
                swapServing(next);
            }
            followShadow(versions);
        } catch (Exception e) {
            LOG.warn("Polling model registry {} failed; still serving {}", source.registryRoot(), servingVersion(), e);
        }
    }

    private void serveFirstVersion(String resumeVersion) throws InvalidModelException {
        List<String> reasons = new ArrayList<>();
        VersionLoader.Rejections collecting = (version, reason) -> {
            reject(version, reason);
            reasons.add(version + ": " + reason);
        };
        try {
            List<String> versions = registry.versions(source.modelName());
            ServingModel<R> first = resumeVersion == null ? null : policy.resumed(resumeVersion, versions, collecting);
            if (first == null) {
                first = policy.next(null, versions, collecting);
            }
            if (first != null) {
                swapServing(first);
                followShadow(versions);
            }
        } catch (Exception e) {
            reasons.add("reading " + source.registryRoot() + " failed: " + e);
        }
        if (serving.get() == null) {
            reasons.addAll(pointers.describeUnusable());
            stop();
            String name = source.modelName();
            throw new InvalidModelException("no valid version of model '" + name + "' in " + source.registryRoot()
                    + (reasons.isEmpty() ? ": export one to <registry>/" + name + "/<version>/{model.onnx,model.json}"
                            : ":\n  " + String.join("\n  ", reasons)));
        }
    }

    private void followShadow(List<String> versions) throws IOException {
        boolean configured = source.shadowVersion() != null;
        String pointer = configured ? "The configured shadow version" : ModelRegistry.SHADOW_POINTER_FILE;
        String wanted;
        try {
            wanted = configured ? source.shadowVersion() : registry.shadowVersion(source.modelName());
        } catch (IOException e) {
            pointers.unreadable(pointer, e, "Shadow scoring unchanged");
            return;
        }
        shadow.follow(pointer, wanted, versions, servingVersion());
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
        listeners.swapped(previous.version(), next.version());
    }

    private void reject(String version, String reason) {
        LOG.error("Rejected model {}/{}: {}. Still serving {}.", source.modelName(), version, reason,
                servingVersion() == null ? "nothing yet" : servingVersion());
        listeners.rejected(source.modelName() + "/" + version, reason);
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
