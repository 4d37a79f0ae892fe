package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.catalog.RankerCatalog;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the ranker does when fewer than {@code n} of a request's candidates are left after the
 * filters: with {@code fill} on, it adds up to {@code fallbackCandidates} of the catalog's own
 * (trending videos, then the newest of the tags of the request's known candidates: the source
 * refreshes rank), which top-N ranks after the request's own and marks as filled; whatever still
 * leaves the list short is said in words. Refreshes are never filled: their candidates are the
 * fallback already.
 */
final class ShortLists {
    private final boolean fill;
    private final int fallbackCandidates;

    ShortLists(boolean fill, int fallbackCandidates) {
        this.fill = fill;
        this.fallbackCandidates = fallbackCandidates;
    }

    /**
     * Fills {@code rows} when they are short and filling is on; returns why the list is still
     * short of {@code n} rows, or null when it is not.
     *
     * @param candidates the request's candidates, already offered to {@code rows}
     * @param prepared their catalog entries, null where unknown
     */
    String complete(Trigger trigger, int n, List<String> candidates, PreparedVideo[] prepared, CandidateRows rows,
                    RankerCatalog catalog) {
        if (rows.rows() >= n) {
            return null;
        }
        String reason = reason(n, candidates.size(), rows);
        if (!fill || trigger == Trigger.REFRESH) {
            return reason;
        }
        int own = rows.rows();
        Set<String> offered = new HashSet<>(candidates);
        List<String> fallback = new ArrayList<>();
        for (String videoId : catalog.candidates(tagsOf(prepared), fallbackCandidates)) {
            if (!offered.contains(videoId)) {
                fallback.add(videoId);
            }
        }
        PreparedVideo[] entries = catalog.prepared(fallback);
        for (int i = 0; i < entries.length; i++) {
            rows.offer(fallback.get(i), entries[i]);
        }
        int filled = rows.rows() - own;
        return rows.rows() >= n ? null : reason + "; the fallback added " + filled;
    }

    /** E.g. "3 of 12 candidates left after the filters (5 not in the catalog, 2 deleted, 2 already seen), 10 wanted". */
    static String reason(int n, int offered, CandidateRows rows) {
        List<String> dropped = new ArrayList<>(3);
        if (rows.unknown > 0) {
            dropped.add(rows.unknown + " not in the catalog");
        }
        if (rows.deleted > 0) {
            dropped.add(rows.deleted + " deleted");
        }
        if (rows.seen > 0) {
            dropped.add(rows.seen + " already seen");
        }
        if (dropped.isEmpty()) {
            return offered + " candidates offered, " + n + " wanted";
        }
        return rows.rows() + " of " + offered + " candidates left after the filters (" + String.join(", ", dropped)
                + "), " + n + " wanted";
    }

    /**
     * Why a recommendation of {@code items} videos is short of {@code task.n()}: the ranker's
     * reason, and the candidates top-N left out; null when it is not short.
     */
    static String ofRecommendation(ScoringTask task, float[] scores, int items, int maxPerCreator) {
        if (items >= task.n()) {
            return null;
        }
        List<String> parts = new ArrayList<>(3);
        if (task.shortReason() != null) {
            parts.add(task.shortReason());
        } else if (scores.length < task.n()) { // a task restored from before reasons were given
            parts.add(scores.length + " candidates, " + task.n() + " wanted");
        }
        int unscored = 0;
        for (float score : scores) {
            unscored += Float.isNaN(score) ? 1 : 0;
        }
        if (unscored > 0) {
            parts.add(unscored + " could not be scored");
        }
        if (items < Math.min(task.n(), scores.length - unscored)) {
            parts.add("at most " + maxPerCreator + " per creator");
        }
        return String.join("; ", parts);
    }

    /** The tags of the request's candidates the catalog knows, first seen first. */
    private static List<String> tagsOf(PreparedVideo[] prepared) {
        Set<String> tags = new LinkedHashSet<>();
        for (PreparedVideo entry : prepared) {
            Video video = entry == null ? null : entry.entry().video();
            if (video != null && !video.deleted()) {
                tags.addAll(video.tags());
            }
        }
        return List.copyOf(tags);
    }
}
