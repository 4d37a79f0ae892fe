package io.reelrank.udf.rank;

import java.io.Serializable;

/**
 * How the ranker answers: the default list length, the cap per creator, the in-job refresh
 * (every {@code refreshEvery} engagements of a user, 0 = off, with up to {@code
 * refreshCandidates} candidates) and whether inputs wait for the watermark. With {@code
 * eventTimeAligned} a user's engagements and requests are applied in event-time order once the
 * watermark passes them, which makes replays deterministic at the cost of the watermark delay;
 * without it they are applied as they arrive, for the lowest latency. With {@code
 * fillShortLists} a request left with fewer than n candidates after the filters gets up to
 * {@code refreshCandidates} fallback ones (see {@link ShortLists}).
 */
public record RankingSettings(
        int defaultN, int maxPerCreator, int refreshEvery, int refreshCandidates, boolean eventTimeAligned,
        boolean fillShortLists)
        implements Serializable {

    public RankingSettings {
        if (defaultN < 1 || defaultN > 100) {
            throw new IllegalArgumentException("default n must be within 1..100, got " + defaultN);
        }
        if (maxPerCreator < 1 || refreshEvery < 0 || refreshCandidates < 1) {
            throw new IllegalArgumentException("max per creator and refresh candidates must be >= 1, refresh every >= 0");
        }
    }

    public static RankingSettings defaults() {
        return new RankingSettings(10, 2, 0, 100, false, false);
    }

    public RankingSettings withRefreshEvery(int engagements) {
        return new RankingSettings(defaultN, maxPerCreator, engagements, refreshCandidates, eventTimeAligned, fillShortLists);
    }

    public RankingSettings withEventTimeAligned(boolean aligned) {
        return new RankingSettings(defaultN, maxPerCreator, refreshEvery, refreshCandidates, aligned, fillShortLists);
    }

    public RankingSettings withMaxPerCreator(int max) {
        return new RankingSettings(defaultN, max, refreshEvery, refreshCandidates, eventTimeAligned, fillShortLists);
    }

    public RankingSettings withDefaultN(int n) {
        return new RankingSettings(n, maxPerCreator, refreshEvery, refreshCandidates, eventTimeAligned, fillShortLists);
    }

    public RankingSettings withFillShortLists(boolean fill) {
        return new RankingSettings(defaultN, maxPerCreator, refreshEvery, refreshCandidates, eventTimeAligned, fill);
    }
}
