package io.reelrank.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic users. Each has a taste (weights over topics summing to 1, dominated by one or
 * two favourite topics), an activity level (log-normal: a few users produce much of the traffic)
 * and a patience in [0.35, 1] that scales how much of a video they watch.
 */
final class Audience {

    private static final double TWO_FAVOURITES = 0.6;
    private static final double[] ONE_FAVOURITE_WEIGHTS = {0.7};
    private static final double[] TWO_FAVOURITE_WEIGHTS = {0.45, 0.3};

    private final double[][] taste;
    private final int[][] favourites;
    private final double[] cumulativeActivity;
    private final double[] patience;

    private Audience(int users, int topics) {
        taste = new double[users][topics];
        favourites = new int[users][];
        cumulativeActivity = new double[users];
        patience = new double[users];
    }

    /**
     * Favourite topics are drawn in proportion to how many videos each topic has, so no user
     * loves a topic the catalog lacks and popular topics have more fans, as on a real platform.
     */
    static Audience create(WorldSettings settings, Catalog catalog) {
        int topics = catalog.topicCount();
        Audience audience = new Audience(settings.users(), topics);
        double activitySum = 0;
        for (int u = 0; u < settings.users(); u++) {
            SplittableRandom rng = Seeds.random(settings.seed(), Seeds.USERS, u);
            audience.favourites[u] = drawFavourites(catalog, rng);
            audience.taste[u] = drawTaste(topics, audience.favourites[u], rng);
            activitySum += Math.exp(rng.nextGaussian());
            audience.cumulativeActivity[u] = activitySum;
            audience.patience[u] = 0.35 + 0.65 * Math.pow(rng.nextDouble(), 0.7);
        }
        return audience;
    }

    int size() {
        return patience.length;
    }

    double taste(int user, int topic) {
        return taste[user][topic];
    }

    /** The weight of the user's top favourite topic. */
    double maxTaste(int user) {
        return taste[user][favourites[user][0]];
    }

    int[] favourites(int user) {
        return favourites[user].clone();
    }

    boolean isFavourite(int user, int topic) {
        for (int favourite : favourites[user]) {
            if (favourite == topic) {
                return true;
            }
        }
        return false;
    }

    double patience(int user) {
        return patience[user];
    }

    /** A user drawn in proportion to activity. */
    int sample(SplittableRandom rng) {
        double total = cumulativeActivity[cumulativeActivity.length - 1];
        int at = Arrays.binarySearch(cumulativeActivity, rng.nextDouble() * total);
        return Math.min(at >= 0 ? at : -at - 1, cumulativeActivity.length - 1);
    }

    /** A topic drawn from the user's taste distribution. */
    int sampleTopic(int user, SplittableRandom rng) {
        double[] weights = taste[user];
        double r = rng.nextDouble();
        for (int t = 0; t < weights.length; t++) {
            r -= weights[t];
            if (r < 0) {
                return t;
            }
        }
        return favourites[user][0];
    }

    private static int[] drawFavourites(Catalog catalog, SplittableRandom rng) {
        int nonEmptyTopics = 0;
        for (int t = 0; t < catalog.topicCount(); t++) {
            nonEmptyTopics += catalog.videosOf(t).length > 0 ? 1 : 0;
        }
        int count = nonEmptyTopics >= 2 && rng.nextDouble() < TWO_FAVOURITES ? 2 : 1;
        int first = catalog.topic(rng.nextInt(catalog.size()));
        if (count == 1) {
            return new int[] {first};
        }
        int second = first;
        while (second == first) {
            second = catalog.topic(rng.nextInt(catalog.size()));
        }
        return new int[] {first, second};
    }

    private static double[] drawTaste(int topics, int[] favourites, SplittableRandom rng) {
        double[] favouriteWeights = favourites.length == 1 ? ONE_FAVOURITE_WEIGHTS : TWO_FAVOURITE_WEIGHTS;
        double[] weights = new double[topics];
        double rest = 1.0;
        for (int i = 0; i < favourites.length; i++) {
            weights[favourites[i]] = favouriteWeights[i];
            rest -= favouriteWeights[i];
        }
        if (topics == favourites.length) {
            weights[favourites[0]] += rest;
            return weights;
        }
        double[] noise = new double[topics];
        double noiseSum = 0;
        for (int t = 0; t < topics; t++) {
            if (weights[t] == 0) {
                noise[t] = 1e-3 + rng.nextDouble();
                noiseSum += noise[t];
            }
        }
        for (int t = 0; t < topics; t++) {
            weights[t] += rest * noise[t] / noiseSum;
        }
        return weights;
    }
}
