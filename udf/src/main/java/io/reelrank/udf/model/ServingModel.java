package io.reelrank.udf.model;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A validated model ready to score, with its runtime. The {@link ModelWatcher} holds one
 * reference while the model serves (or shadows); every batch {@linkplain ModelWatcher#retainServing
 * retains} it for the duration of its run. After a swap the watcher drops its reference, and the
 * runtime is closed when the last batch that started on this model releases it. So a batch always
 * finishes on the model it started with.
 */
public final class ServingModel<R extends ModelRuntime> {

    private final R runtime;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile boolean retired;

    ServingModel(R runtime) {
        this.runtime = runtime;
    }

    public R runtime() {
        return runtime;
    }

    public LoadedModel model() {
        return runtime.model();
    }

    public ModelVersion version() {
        return runtime.model().version();
    }

    /** True once the watcher has swapped this model out; batches already on it still finish. */
    public boolean retired() {
        return retired;
    }

    /** Claims the model for one batch; false when its last reference is already gone. */
    boolean retain() {
        while (true) {
            int count = references.get();
            if (count == 0) {
                return false;
            }
            if (references.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Ends one batch's claim. */
    public void release() {
        if (references.decrementAndGet() == 0) {
            runtime.close();
        }
    }

    /** The watcher's own reference ends: no new batch starts on this model. */
    void retire() {
        retired = true;
        release();
    }
}
