package io.reelrank.udf.model;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow model of a {@link ModelWatcher}: the version the source or the registry's {@code
 * SHADOW} pointer names, loaded and validated like a serving version, scored beside it for
 * comparison and never served.
 */
final class ShadowModel<R extends ModelRuntime> {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowModel.class);

    private final VersionLoader<R> loader;
    private final VersionLoader.Rejections rejections;
    private final AtomicReference<ServingModel<R>> current = new AtomicReference<>();

    ShadowModel(VersionLoader<R> loader, VersionLoader.Rejections rejections) {
        this.loader = loader;
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

    /**
     * Shadows {@code wanted} from now on: loads it when it differs from the current shadow (keeping
     * the current one if it is rejected), drops the shadow when {@code wanted} is null.
     */
    void follow(String wanted, ModelVersion serving) throws IOException {
        ServingModel<R> shadow = current.get();
        if (wanted == null) {
            if (shadow != null) {
                LOG.info("Shadow scoring with {} stopped: no shadow version configured", shadow.version());
                retire(current.getAndSet(null));
            }
        } else if (shadow == null || !wanted.equals(shadow.version().version())) {
            ServingModel<R> next = loader.loadOrReject(wanted, rejections);
            if (next != null) {
                LOG.info("Shadow-scoring with {} beside serving {}", next.version(), serving);
                retire(current.getAndSet(next));
            }
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
