package io.reelrank.udf.features;

/**
 * Engagement-weighted moving average of the embeddings of videos a user engaged with, decayed
 * by half-life: {@code sum / totalWeight} is the profile. Only positive engagement weights
 * contribute (a skip says what the user does not want, not what they do). Order-independent
 * like {@link DecayedWeights}.
 */
public class EmbeddingProfile {
    public float[] sum = new float[0];
    public float totalWeight;
    public long asOfTs = Long.MIN_VALUE;

    public EmbeddingProfile() {}

    public void add(float[] embedding, float weight, long ts, long halfLifeMs) {
        if (weight <= 0 || embedding.length == 0) {
            return;
        }
        if (sum.length != embedding.length) {
            // A catalog that changed embedding width makes the old profile meaningless.
            sum = new float[embedding.length];
            totalWeight = 0f;
            asOfTs = ts;
        }
        float scale;
        if (asOfTs == Long.MIN_VALUE || ts > asOfTs) {
            float factor = asOfTs == Long.MIN_VALUE ? 1f : Decay.factor(ts - asOfTs, halfLifeMs);
            for (int i = 0; i < sum.length; i++) {
                sum[i] *= factor;
            }
            totalWeight *= factor;
            asOfTs = ts;
            scale = weight;
        } else {
            scale = weight * Decay.factor(asOfTs - ts, halfLifeMs);
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += scale * embedding[i];
        }
        totalWeight += scale;
    }

    /** The averaged embedding, or an empty array when nothing was added yet. */
    public float[] mean() {
        if (totalWeight <= 0f) {
            return new float[0];
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / totalWeight;
        }
        return mean;
    }
}
