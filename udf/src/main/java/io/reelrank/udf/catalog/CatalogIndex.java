package io.reelrank.udf.catalog;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * In-memory lookups over the broadcast catalog that in-job refresh candidates need: videos by
 * recent plays (trending) and the newest videos per tag. It is derived data, rebuilt from
 * broadcast state after a restore, so it is never checkpointed itself.
 */
public final class CatalogIndex {
    private record Ranked(String videoId, int plays) {}

    private static final Comparator<Ranked> BY_PLAYS_DESC =
            Comparator.comparingInt(Ranked::plays).reversed().thenComparing(Ranked::videoId);

    private final int trendingWindow;
    private final int perTag;
    private final TreeSet<Ranked> trending = new TreeSet<>(BY_PLAYS_DESC);
    private final Map<String, Ranked> trendingByVideo = new HashMap<>();
    private final Map<String, ArrayDeque<String>> newestByTag = new HashMap<>();
    private final Set<String> rankable = new HashSet<>();

    public CatalogIndex(int trendingWindow, int perTag) {
        this.trendingWindow = trendingWindow;
        this.perTag = perTag;
    }

    /**
     * Indexes the video's current entry. {@code catalogRecord} says the update carried a catalog
     * record rather than only stats: only then can its tags have changed. Stats updates arrive
     * about once per engaged video and stats interval on every ranker, so they must stay cheap,
     * and they must not make a video "newest" in its tags again after it was pushed out.
     */
    public void update(String videoId, VideoEntry entry, boolean catalogRecord) {
        Ranked old = trendingByVideo.remove(videoId);
        if (old != null) {
            trending.remove(old);
        }
        if (entry == null || !entry.rankable()) {
            rankable.remove(videoId);
            return;
        }
        boolean newlyRankable = rankable.add(videoId);
        if (entry.latestStats() != null) {
            Ranked ranked = new Ranked(videoId, entry.latestStats().windows()[trendingWindow].plays);
            if (ranked.plays() > 0) {
                trending.add(ranked);
                trendingByVideo.put(videoId, ranked);
            }
        }
        if (!catalogRecord && !newlyRankable) {
            return;
        }
        for (String tag : entry.video().tags()) {
            ArrayDeque<String> newest = newestByTag.computeIfAbsent(tag, t -> new ArrayDeque<>());
            if (!newest.contains(videoId)) {
                newest.addFirst(videoId);
                if (newest.size() > perTag) {
                    newest.removeLast();
                }
            }
        }
    }

    /** Rankable videos in the catalog this index was built from. */
    public int size() {
        return rankable.size();
    }

    /** Up to {@code limit} trending videos, then the newest videos of {@code tags}, in that order. */
    public Set<String> candidates(Iterable<String> tags, int limit) {
        Set<String> out = new LinkedHashSet<>();
        Iterator<Ranked> hot = trending.iterator();
        while (hot.hasNext() && out.size() < limit / 2) {
            out.add(hot.next().videoId());
        }
        for (String tag : tags) {
            for (String videoId : newestByTag.getOrDefault(tag, new ArrayDeque<>())) {
                if (out.size() >= limit) {
                    return out;
                }
                out.add(videoId);
            }
        }
        while (hot.hasNext() && out.size() < limit) {
            out.add(hot.next().videoId());
        }
        return out;
    }
}
