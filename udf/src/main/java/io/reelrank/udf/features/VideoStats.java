package io.reelrank.udf.features;

/**
 * A video's windowed engagement counts as of {@code asOfTs}; {@code windows[i]} belongs to the
 * i-th configured window. All-empty stats mean the video had no engagement in any window.
 * {@code decayedPlays} is the video's {@link DecayedCount} of plays as of {@code
 * decayedPlaysAsOfTs} (which may differ from {@code asOfTs}); rankers decay it to the request
 * time with the same half-life.
 */
public record VideoStats(String videoId, long asOfTs, EngagementCounts[] windows,
                         double decayedPlays, long decayedPlaysAsOfTs) {

    /** Name of the feature spec's half-life ({@code half_lives}) that the decayed play count uses. */
    public static final String PLAYS_HALF_LIFE = "30d";

    public boolean isEmpty() {
        for (EngagementCounts counts : windows) {
            if (!counts.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The decayed play count as of {@code now}. */
    public double decayedPlaysAt(long now, long halfLifeMs) {
        return new DecayedCount(decayedPlays, decayedPlaysAsOfTs).at(now, halfLifeMs);
    }
}
