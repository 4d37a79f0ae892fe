package io.reelrank.udf.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The broadcast catalog as one ranker instance keeps it: applies each {@link CatalogUpdate} to
 * the broadcast state and keeps the lookups derived from it in step, the {@link CatalogIndex}
 * that refresh candidates come from and the {@link PreparedCatalog} that candidates are read
 * through. The lookups are never checkpointed: {@link #buildFrom} rebuilds them from broadcast
 * state on first use after a (re)start, and every other method needs them built. Task thread
 * only, as every access to broadcast state.
 */
public final class RankerCatalog {
    private final VideoColumns columns;
    private final int trendingWindow;
    private final int newestPerTag;
    private CatalogIndex index;
    private PreparedCatalog prepared;
    // For settle: the broadcast state as the broadcast side writes it, and the newest watermark any
    // callback saw (the operator's own may be ahead of it, never behind).
    private BroadcastState<String, VideoEntry> writable;
    private long watermark = Long.MIN_VALUE;

    /**
     * @param columns the video-only feature columns the prepared entries hold
     * @param trendingWindow index of the configured window whose plays rank trending videos
     * @param newestPerTag how many newest videos the index keeps per tag
     */
    public RankerCatalog(VideoColumns columns, int trendingWindow, int newestPerTag) {
        this.columns = columns;
        this.trendingWindow = trendingWindow;
        this.newestPerTag = newestPerTag;
    }

    /** Builds the lookups from {@code catalog} unless they are built; returns whether it built them now. */
    public boolean buildFrom(ReadOnlyBroadcastState<String, VideoEntry> catalog) throws Exception {
        if (index != null) {
            return false;
        }
        index = new CatalogIndex(trendingWindow, newestPerTag);
        prepared = new PreparedCatalog(columns);
        for (Map.Entry<String, VideoEntry> entry : catalog.immutableEntries()) {
            index.update(entry.getKey(), entry.getValue(), true);
            prepared.update(entry.getKey(), entry.getValue());
        }
        return true;
    }

    /** Notes the operator's current watermark, which {@link #settle} collapses versions at. */
    public void observeWatermark(long current) {
        watermark = Math.max(watermark, current);
    }

    /** Applies one update to the broadcast state {@code catalog} and to the lookups. */
    public void apply(CatalogUpdate update, BroadcastState<String, VideoEntry> catalog, long currentWatermark)
            throws Exception {
        writable = catalog;
        observeWatermark(currentWatermark);
        VideoEntry next = update.applyTo(catalog.get(update.videoId()), currentWatermark);
        if (next == null) {
            catalog.remove(update.videoId());
        } else {
            catalog.put(update.videoId(), next);
        }
        index.update(update.videoId(), next, update.video() != null);
        prepared.update(update.videoId(), next);
    }

    /** Up to {@code limit} refresh candidates: trending videos, then the newest of {@code tags}. */
    public Set<String> candidates(List<String> tags, int limit) {
        return index.candidates(tags, limit);
    }

    /** The prepared entry of each of {@code videoIds}, null where the catalog has no record of it. */
    public PreparedVideo[] prepared(List<String> videoIds) {
        // All lookups in a loop of their own: each waits on cache misses in the table, and the CPU
        // overlaps those of neighbouring candidates.
        PreparedVideo[] entries = new PreparedVideo[videoIds.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = prepared.get(videoIds.get(i));
        }
        return entries;
    }

    /** Rankable videos in the index. */
    public int indexedVideos() {
        return index.size();
    }

    /**
     * Collapses the stats versions that arrived ahead of the watermark and are behind it now
     * ({@link VideoEntry#settledAt}), before a checkpoint writes the catalog. {@link
     * VideoEntry#withStats} does the same, but only for a video that gets new stats: a video whose
     * engagements all came before the requests caught up (a replay, a job's start-up) would keep
     * every version it got ahead, up to {@link VideoEntry#MAX_AHEAD}, in every checkpoint. The
     * inputs the ranker has yet to apply are all after the watermark, for which the collapsed
     * entry reads the same stats; an arrival-order request behind the watermark reads the newest
     * settled version, as after {@code withStats}. Like {@code withStats}, the result depends on
     * this instance's watermark, not only on the broadcast.
     */
    public void settle() throws Exception {
        if (writable == null || watermark == Long.MIN_VALUE) {
            return; // nothing broadcast since the (re)start, or no watermark yet
        }
        List<Map.Entry<String, VideoEntry>> settled = new ArrayList<>();
        for (Map.Entry<String, VideoEntry> entry : writable.immutableEntries()) {
            VideoEntry now = entry.getValue().settledAt(watermark);
            if (now != entry.getValue()) {
                settled.add(Map.entry(entry.getKey(), now));
            }
        }
        for (Map.Entry<String, VideoEntry> entry : settled) {
            writable.put(entry.getKey(), entry.getValue());
            // Prepared columns are per stats version; the index reads only the newest stats.
            prepared.update(entry.getKey(), entry.getValue());
        }
    }
}
