package io.reelrank.udf.features;

/**
 * A count in which each event weighs 0.5^(age / half-life), kept as one value as of {@code
 * asOfTs} so that it costs two numbers per key however many events it has seen. An event older
 * than {@code asOfTs} adds its weight already decayed, so the value does not depend on the order
 * in which events arrive. A zero value has no reference time yet (the next event sets it), which
 * also makes the all-zero default of a state restored from before this count existed valid.
 */
public record DecayedCount(double value, long asOfTs) {

    public static final DecayedCount EMPTY = new DecayedCount(0.0, 0L);

    /** This count with one more event at {@code ts}. */
    public DecayedCount plus(long ts, long halfLifeMs) {
        if (value == 0.0) {
            return new DecayedCount(1.0, ts);
        }
        if (ts <= asOfTs) {
            return new DecayedCount(value + Decay.preciseFactor(asOfTs - ts, halfLifeMs), asOfTs);
        }
        return new DecayedCount(value * Decay.preciseFactor(ts - asOfTs, halfLifeMs) + 1.0, ts);
    }

    /** The value decayed to {@code now}; a value as of a time after {@code now} is returned as it is. */
    public double at(long now, long halfLifeMs) {
        return value * Decay.preciseFactor(now - asOfTs, halfLifeMs);
    }
}
