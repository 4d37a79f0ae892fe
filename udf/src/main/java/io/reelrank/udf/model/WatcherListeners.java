package io.reelrank.udf.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of a {@link ModelWatcher} and what they have heard: a listener that joins later - a
 * second slot, or a slot that restarts while another one keeps the watcher - first hears the counts
 * so far ({@link ModelWatcher.Listener#joined}), so its metrics agree with the other slots'. The
 * first slot hears the rejections of the watcher's start this way too.
 * One lock orders joins and events, so every listener hears each event once: in the counts or after.
 */
final class WatcherListeners {

    private final List<ModelWatcher.Listener> listeners = new CopyOnWriteArrayList<>();
    private long swaps;
    private long rejections;
    private String lastRejection = "";

    synchronized void add(ModelWatcher.Listener listener) {
        listener.joined(swaps, rejections, lastRejection);
        listeners.add(listener);
    }

    void remove(ModelWatcher.Listener listener) {
        listeners.remove(listener);
    }

    synchronized void swapped(ModelVersion from, ModelVersion to) {
        swaps++;
        listeners.forEach(listener -> listener.swapped(from, to));
    }

    /** {@code version} is written {@code name/version}, e.g. {@code ranker/3}. */
    synchronized void rejected(String version, String reason) {
        rejections++;
        lastRejection = version + ": " + reason;
        listeners.forEach(listener -> listener.rejected(version, reason));
    }
}
