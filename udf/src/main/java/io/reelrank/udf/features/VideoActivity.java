package io.reelrank.udf.features;

/**
 * Keyed state of one video: its windowed counts, its duration from the catalog (0 when
 * unknown), whether counts changed since stats were last emitted, and its plays as a {@link
 * DecayedCount} (two primitives rather than the record, so state written before they existed
 * restores them as an empty count).
 */
public class VideoActivity {
    public WindowedCounts counts = new WindowedCounts();
    public long durationMs;
    public boolean changed;
    public double decayedPlays;
    public long decayedPlaysAsOfTs;

    public VideoActivity() {}

    /** watch_ms / duration_ms capped at 1, or -1 when the duration is unknown. */
    public float completionOf(long watchMs) {
        return durationMs <= 0 ? -1f : Math.min(1f, (float) watchMs / durationMs);
    }

    public void addDecayedPlay(long ts, long halfLifeMs) {
        DecayedCount updated = new DecayedCount(decayedPlays, decayedPlaysAsOfTs).plus(ts, halfLifeMs);
        decayedPlays = updated.value();
        decayedPlaysAsOfTs = updated.asOfTs();
    }
}
