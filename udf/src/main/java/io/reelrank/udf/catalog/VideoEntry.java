package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.VideoStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the rankers know about one video, in broadcast state: its catalog record (null while
 * only stats have arrived), its stats as of the operator's watermark ({@code stats}: the newest
 * version at or before it, null before the first engagement), and the versions that arrived
 * ahead of the watermark ({@code newer}, oldest first). A ranker reads the stats as of its
 * request's time ({@link #statsAt}), so stats that arrive ahead of event time (a replay reads its
 * input far ahead) never show a request the engagements of its future.
 */
public record VideoEntry(Video video, VideoStats stats, VideoStats[] newer) {

    /**
     * Versions kept ahead of the watermark at most. Beyond it every second one is dropped (the
     * newest always stays), so a request reads somewhat older stats, never missing ones, and a
     * stalled watermark cannot grow the catalog without bound. A replay, whose stats run far
     * ahead of the rankers, needs the room; a live job keeps one or two.
     */
    public static final int MAX_AHEAD = 256;
    private static final VideoStats[] NONE = new VideoStats[0];

    public VideoEntry {
        newer = newer == null ? NONE : newer;
    }

    public VideoEntry(Video video, VideoStats stats) {
        this(video, stats, NONE);
    }

    public boolean rankable() {
        return video != null && !video.deleted();
    }

    /** The newest stats as of {@code now}; null when none had been emitted by then. */
    public VideoStats statsAt(long now) {
        int version = versionAt(now);
        return version < 0 ? null : version(version);
    }

    /**
     * Which stats version {@link #statsAt} picks for {@code now}: 0 for {@code stats}, {@code i + 1}
     * for {@code newer[i]}, -1 for none (for callers that keep something per version).
     */
    public int versionAt(long now) {
        for (int i = newer.length - 1; i >= 0; i--) {
            if (newer[i].asOfTs() <= now) {
                return i + 1;
            }
        }
        return stats != null && stats.asOfTs() <= now ? 0 : -1;
    }

    /** Stats version {@code index} as {@link #versionAt} numbers them. */
    public VideoStats version(int index) {
        return index == 0 ? stats : newer[index - 1];
    }

    /** How many version numbers {@link #versionAt} can return, -1 aside. */
    public int versions() {
        return newer.length + 1;
    }

    /** The newest stats that arrived, whatever their time (the trending index ranks by them). */
    public VideoStats latestStats() {
        return newer.length > 0 ? newer[newer.length - 1] : stats;
    }

    /**
     * With {@code update} added: versions at or before {@code watermark} collapse into the newest
     * of them, since every request at or before the watermark has been ranked already (an
     * event-time-aligned ranker ranks a request once the watermark reaches its time).
     */
    public VideoEntry withStats(VideoStats update, long watermark) {
        // Already in time order (settled, then newer); the update goes after every version not
        // later than it, which is almost always at the end.
        List<VideoStats> versions = versions(newer.length + 2);
        int at = versions.size();
        while (at > 0 && versions.get(at - 1).asOfTs() > update.asOfTs()) {
            at--;
        }
        versions.add(at, update);
        return settled(versions, watermark);
    }

    /**
     * This entry as {@link #withStats} would leave it at {@code watermark}: the versions that
     * arrived ahead and are at or before it now collapse into the newest of them. Itself when
     * none is. For an entry whose video gets no new stats (so no {@link #withStats}) after the
     * watermark passed them; the stats any time at or after {@code watermark} reads are the same.
     */
    public VideoEntry settledAt(long watermark) {
        if (newer.length == 0 || newer[0].asOfTs() > watermark) {
            return this;
        }
        return settled(versions(newer.length + 1), watermark);
    }

    /** {@code stats} (when there is one) and then {@code newer}, in a list that may grow. */
    private List<VideoStats> versions(int capacity) {
        List<VideoStats> versions = new ArrayList<>(capacity);
        if (stats != null) {
            versions.add(stats);
        }
        Collections.addAll(versions, newer);
        return versions;
    }

    /** The entry with {@code versions} (in time order) split at {@code watermark}. */
    private VideoEntry settled(List<VideoStats> versions, long watermark) {
        VideoStats settled = null;
        List<VideoStats> ahead = new ArrayList<>();
        for (VideoStats version : versions) {
            if (version.asOfTs() <= watermark) {
                settled = version;
            } else {
                ahead.add(version);
            }
        }
        return new VideoEntry(video, settled, thinned(ahead).toArray(VideoStats[]::new));
    }

    private static List<VideoStats> thinned(List<VideoStats> ahead) {
        if (ahead.size() <= MAX_AHEAD) {
            return ahead;
        }
        List<VideoStats> kept = new ArrayList<>(ahead.size() / 2 + 1);
        for (int i = ahead.size() - 1; i >= 0; i -= 2) {
            kept.add(ahead.get(i));
        }
        Collections.reverse(kept);
        return kept;
    }

    /** The same stats under another catalog record. */
    public VideoEntry withVideo(Video record) {
        return new VideoEntry(record, stats, newer);
    }
}
