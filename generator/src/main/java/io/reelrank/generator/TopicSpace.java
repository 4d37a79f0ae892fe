package io.reelrank.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The topics of a world: a readable label each, a tag vocabulary, and an embedding centroid.
 * Video embeddings scatter around their topic's centroid, so embedding similarity carries topic
 * information the way a learned content embedding would.
 */
final class TopicSpace {

    private static final String[] NAMES = {
        "cooking", "travel", "gaming", "music", "dance", "pets", "comedy", "sports",
        "fashion", "tech", "beauty", "diy", "fitness", "science", "cars", "art"
    };

    /** Spread of a video around its centroid; about 0.9 cosine to the centroid on average. */
    private static final double EMBEDDING_NOISE = 0.5;

    private final List<String> labels;
    private final float[][] centroids;

    private TopicSpace(List<String> labels, int dim, long seed) {
        this.labels = List.copyOf(labels);
        this.centroids = new float[labels.size()][];
        for (int t = 0; t < centroids.length; t++) {
            SplittableRandom rng = Seeds.random(seed, Seeds.TOPICS, t);
            float[] centroid = new float[dim];
            for (int d = 0; d < dim; d++) {
                centroid[d] = (float) rng.nextGaussian();
            }
            centroids[t] = normalised(centroid);
        }
    }

    /** Topics labelled like {@code t3_music}. */
    static TopicSpace synthetic(int topics, int dim, long seed) {
        String[] labels = new String[topics];
        for (int t = 0; t < topics; t++) {
            labels[t] = "t" + t + "_" + NAMES[t % NAMES.length];
        }
        return new TopicSpace(List.of(labels), dim, seed);
    }

    static TopicSpace labelled(List<String> labels, int dim, long seed) {
        return new TopicSpace(labels, dim, seed);
    }

    int size() {
        return labels.size();
    }

    String label(int topic) {
        return labels.get(topic);
    }

    /** The k-th tag of a topic's vocabulary, e.g. {@code t3_music_2}. */
    String tag(int topic, int k) {
        return labels.get(topic) + "_" + k;
    }

    /** The topic's centroid plus Gaussian noise, L2-normalised. */
    float[] embedding(int topic, SplittableRandom rng) {
        float[] centroid = centroids[topic];
        double sigma = EMBEDDING_NOISE / Math.sqrt(centroid.length);
        float[] embedding = new float[centroid.length];
        for (int d = 0; d < embedding.length; d++) {
            embedding[d] = (float) (centroid[d] + sigma * rng.nextGaussian());
        }
        return normalised(embedding);
    }

    private static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) (v[d] / norm);
        }
        return v;
    }
}
