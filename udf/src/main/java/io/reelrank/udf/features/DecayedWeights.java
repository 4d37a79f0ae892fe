package io.reelrank.udf.features;

import java.util.Arrays;

/**
 * A bounded map from key (tag, creator) to a weight that halves every half-life, stored as two
 * parallel arrays for a compact state value. Weights are kept as of {@link #asOfTs}; an event
 * older than that adds its weight already decayed, so the result does not depend on the order
 * in which events arrive. When more than {@code maxKeys} keys exist, the smallest by absolute
 * weight is dropped.
 */
public class DecayedWeights {
    public String[] keys = new String[0];
    public float[] weights = new float[0];
    public long asOfTs = Long.MIN_VALUE;

    public DecayedWeights() {}

    public void add(String key, float weight, long ts, long halfLifeMs, int maxKeys) {
        float scaled = advanceTo(ts, halfLifeMs) * weight;
        int index = indexOf(key);
        if (index >= 0) {
            weights[index] += scaled;
            return;
        }
        if (keys.length < maxKeys) {
            keys = Arrays.copyOf(keys, keys.length + 1);
            weights = Arrays.copyOf(weights, weights.length + 1);
            index = keys.length - 1;
        } else {
            index = weakest();
            if (Math.abs(weights[index]) > Math.abs(scaled)) {
                return;
            }
        }
        keys[index] = key;
        weights[index] = scaled;
    }

    /** The key's weight decayed to {@code now}; 0 when absent. */
    public float weightAt(String key, long now, long halfLifeMs) {
        int index = indexOf(key);
        return index < 0 ? 0f : weights[index] * Decay.factor(now - asOfTs, halfLifeMs);
    }

    /** Scale that turns stored weights into weights as of {@code now}. */
    public float scaleAt(long now, long halfLifeMs) {
        return Decay.factor(now - asOfTs, halfLifeMs);
    }

    public int size() {
        return keys.length;
    }

    /**
     * Moves the reference time forward to {@code ts} (decaying stored weights) and returns the
     * factor by which a weight observed at {@code ts} must be scaled relative to the reference.
     */
    private float advanceTo(long ts, long halfLifeMs) {
        if (asOfTs == Long.MIN_VALUE) {
            asOfTs = ts;
            return 1f;
        }
        if (ts <= asOfTs) {
            return Decay.factor(asOfTs - ts, halfLifeMs);
        }
        float factor = Decay.factor(ts - asOfTs, halfLifeMs);
        for (int i = 0; i < weights.length; i++) {
            weights[i] *= factor;
        }
        asOfTs = ts;
        return 1f;
    }

    private int indexOf(String key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private int weakest() {
        int weakest = 0;
        for (int i = 1; i < weights.length; i++) {
            if (Math.abs(weights[i]) < Math.abs(weights[weakest])) {
                weakest = i;
            }
        }
        return weakest;
    }
}
