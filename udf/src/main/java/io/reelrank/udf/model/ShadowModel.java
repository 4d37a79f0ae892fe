package io.reelrank.udf.model;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow model of a {@link ModelWatcher}: the version the source or the registry's {@code
 * SHADOW} pointer names, loaded and validated like a serving version, scored beside it for
 * comparison and never served. A shadow version that is missing or rejected is reported by {@link
 * RegistryPointers} and changes nothing: the previous shadow, if any, goes on.
 */
final class ShadowModel<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowModel.class);

    private final RegistryPointers<R> pointers;
    private final VersionLoader.Rejections rejections;
    private final AtomicReference<ServingModel<R>> current = new AtomicReference<>();

    ShadowModel(RegistryPointers<R> pointers, VersionLoader.Rejections rejections) {
        this.pointers = pointers;
        this.rejections = rejections;
    }

    /** The shadow model retained for one batch, or null when none is configured. */
    ServingModel<R> retain() {
        while (true) {
            ServingModel<R> model = current.get();
            if (model == null || model.retain()) {
                return model;
            }
        }
    }

    /** The shadow version, or null when none is configured. */
    ModelVersion version() {
        ServingModel<R> model = current.get();
        return model == null ? null : model.version();
    }

    /**
     * Shadows {@code wanted}, which {@code pointer} names, from now on: loads it when it differs from
     * the current shadow (keeping the current one if it is missing from {@code versions} or
     * rejected), drops the shadow when {@code wanted} is null.
     */
    void follow(String pointer, String wanted, List<String> versions, ModelVersion serving) throws IOException {
        ServingModel<R> shadow = current.get();
        if (wanted == null) {
            pointers.resolved(pointer);
            if (shadow != null) {
                LOG.info("Shadow scoring with {} stopped: no shadow version configured", shadow.version());
                retire(current.getAndSet(null));
            }
        } else if (shadow == null || !wanted.equals(shadow.version().version())) {
            String fallback = shadow == null ? "No shadow scoring" : "Still shadow-scoring with " + shadow.version();
            ServingModel<R> next = pointers.load(pointer, wanted, versions, rejections, fallback);
            if (next != null) {
                LOG.info("Shadow-scoring with {} beside serving {}", next.version(), serving);
                retire(current.getAndSet(next));
            }
        } else {
            pointers.resolved(pointer);
        }
    }

    /** Drops the shadow model; batches already on it finish. */
    void close() {
        retire(current.getAndSet(null));
    }

    private static void retire(ServingModel<?> model) {
        if (model != null) {
            model.retire();
        }
    }
}
