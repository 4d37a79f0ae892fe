package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.model.ModelWatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a model watcher tells one listener: the counts it joined with, then each event. */
final class WatcherEvents implements ModelWatcher.Listener {

    final List<String> swaps = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();
    volatile String joined;

    @Override
    public void joined(long swapCount, long rejectionCount, String lastRejection) {
        joined = swapCount + " swaps, " + rejectionCount + " rejections, last: " + lastRejection;
    }

    @Override
    public void swapped(ModelVersion from, ModelVersion to) {
        swaps.add(from + " -> " + to);
    }

    @Override
    public void rejected(String version, String reason) {
        rejections.add(version + ": " + reason);
    }
}
