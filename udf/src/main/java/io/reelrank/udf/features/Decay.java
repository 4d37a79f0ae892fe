package io.reelrank.udf.features;

/** Exponential decay by half-life, the one formula every decayed profile uses. */
public final class Decay {
    private Decay() {}

    /** The factor a weight keeps after {@code elapsedMs}: 0.5 after one half-life. */
    public static float factor(long elapsedMs, long halfLifeMs) {
        return (float) preciseFactor(elapsedMs, halfLifeMs);
    }

    /**
     * {@link #factor} in double precision, for values that accumulate over many updates (a
     * video's decayed play count), where float rounding at every play would add up.
     */
    public static double preciseFactor(long elapsedMs, long halfLifeMs) {
        if (elapsedMs <= 0) {
            return 1.0;
        }
        return Math.pow(0.5, (double) elapsedMs / halfLifeMs);
    }
}
