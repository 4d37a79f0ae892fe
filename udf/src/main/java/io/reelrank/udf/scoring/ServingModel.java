package io.reelrank.udf.scoring;

import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelVersion;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A validated model ready to score, with its session lease. The {@link ModelWatcher} holds one
 * reference while the model serves (or shadows); every batch {@linkplain #retain() retains} it
 * for the duration of its native run. After a swap the watcher drops its reference, and the
 * lease - and with it the session, unless another holder shares it - is closed when the last
 * batch that started on this model releases it. So a batch always finishes on the model it
 * started with.
 */
public final class ServingModel {

    private final SharedOrtSessions.Lease lease;
    private final AtomicInteger references = new AtomicInteger(1);
    private volatile boolean retired;

    ServingModel(SharedOrtSessions.Lease lease) {
        this.lease = lease;
    }

    public LoadedModel model() {
        return lease.model();
    }

    public ModelVersion version() {
        return lease.model().version();
    }

    /** Where this model's session runs: CUDA or CPU. */
    public ScoringDevice device() {
        return lease.device();
    }

    SharedOrtSessions.Lease lease() {
        return lease;
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
            lease.close();
        }
    }

    /** The watcher's own reference ends: no new batch starts on this model. */
    void retire() {
        retired = true;
        release();
    }
}
