package io.reelrank.udf.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The model watchers that the scoring slots of a TaskManager share, one per model source and
 * validator: the first slot to subscribe starts it (loading the version to serve), the last one
 * to leave stops it. Sharing means one poller and one set of models per TaskManager, and every
 * slot swaps at the same moment. This class holds no static state; the JVM's one instance lives
 * in scoring's {@code TaskManagerShared}.
 */
public final class SharedWatchers<R extends ModelRuntime> {

    private final Map<Key<R>, Shared<R>> watchers = new HashMap<>();

    /** Joins the watcher of {@code source} with nothing to resume on; see the four-argument form. */
    public ModelWatcher<R> subscribe(ModelSource source, ModelValidator<R> validator, ModelWatcher.Listener listener)
            throws InvalidModelException {
        return subscribe(source, validator, listener, null);
    }

    /**
     * Joins the watcher of {@code source}, creating it - and loading the version to serve, which
     * throws when none is valid - on first use. {@code listener} hears what the watcher has counted
     * so far and then what happens from now on. {@code resumeVersion} (e.g. {@code 3}, or null) is
     * the version a new watcher serves first if it is still valid; a watcher that already runs keeps
     * what it serves, since the slots of one restored job ask for the same version.
     */
    public ModelWatcher<R> subscribe(ModelSource source, ModelValidator<R> validator, ModelWatcher.Listener listener,
            String resumeVersion) throws InvalidModelException {
        synchronized (watchers) {
            Key<R> key = new Key<>(source, validator);
            Shared<R> shared = watchers.get(key);
            if (shared == null) {
                shared = new Shared<>(ModelWatcher.start(source, validator, resumeVersion));
                watchers.put(key, shared);
            }
            shared.subscribers++;
            shared.watcher.addListener(listener);
            return shared.watcher;
        }
    }

    /** Leaves {@code watcher}; the last subscriber stops its poller and releases its models. */
    public void unsubscribe(ModelWatcher<R> watcher, ModelWatcher.Listener listener) {
        synchronized (watchers) {
            watcher.removeListener(listener);
            Key<R> key = new Key<>(watcher.source(), watcher.validator());
            Shared<R> shared = watchers.get(key);
            if (shared == null || shared.watcher != watcher || --shared.subscribers > 0) {
                return;
            }
            watchers.remove(key);
        }
        watcher.stop();
    }

    private record Key<R extends ModelRuntime>(ModelSource source, ModelValidator<R> validator) {}

    private static final class Shared<R extends ModelRuntime> {
        final ModelWatcher<R> watcher;
        int subscribers;

        Shared(ModelWatcher<R> watcher) {
            this.watcher = watcher;
        }
    }
}
