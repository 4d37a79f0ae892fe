package io.reelrank.udf.features;

/**
 * A user's decayed tag weights for one request, as an open-addressing table of parallel arrays:
 * each candidate looks up every one of its tags, and a {@code HashMap<String, Float>} cost a
 * node and a boxed value per lookup, two cache misses the table does not have (it is built per
 * request and stays in the cache). Keys compare by their cached hash first, so a miss never
 * touches a key's characters. The first weight given for a tag wins, as in the profile.
 */
final class TagWeights {
    private final int[] hashes;
    private final String[] keys;
    private final float[] weights;
    private final int mask;
    private double squaredNorm;

    TagWeights(int expected) {
        int capacity = Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1;
        hashes = new int[capacity];
        keys = new String[capacity];
        weights = new float[capacity];
        mask = capacity - 1;
    }

    /** Adds {@code tag} unless present; returns whether it was added. */
    boolean putIfAbsent(String tag, float weight) {
        int hash = tag.hashCode();
        for (int i = slot(hash); ; i = (i + 1) & mask) {
            String key = keys[i];
            if (key == null) {
                hashes[i] = hash;
                keys[i] = tag;
                weights[i] = weight;
                squaredNorm += (double) weight * weight;
                return true;
            }
            if (hashes[i] == hash && key.equals(tag)) {
                return false;
            }
        }
    }

    /** The weight of {@code tag}, 0 when the user has none. */
    float get(String tag) {
        int hash = tag.hashCode();
        for (int i = slot(hash); ; i = (i + 1) & mask) {
            String key = keys[i];
            if (key == null) {
                return 0f;
            }
            if (hashes[i] == hash && (key == tag || key.equals(tag))) {
                return weights[i];
            }
        }
    }

    /** Euclidean norm of the weights added. */
    float norm() {
        return (float) Math.sqrt(squaredNorm);
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
