package io.reelrank.udf.features;

/**
 * Keyed state of one video: its windowed counts, its duration from the catalog (0 when
 * unknown) and whether counts changed since stats were last emitted.
 */
public class VideoActivity {
    public WindowedCounts counts = new WindowedCounts();
    public long durationMs;
    public boolean changed;

    public VideoActivity() {}

    /** watch_ms / duration_ms capped at 1, or -1 when the duration is unknown. */
    public float completionOf(long watchMs) {
        return durationMs <= 0 ? -1f : Math.min(1f, (float) watchMs / durationMs);
    }
}
