package io.reelrank.generator;

import java.util.SplittableRandom;

/** The probabilities of the behaviour model documented on {@link SyntheticWorld}. */
final class BehaviourModel {

    /** Weight of the user's taste for the video's topic in the affinity; the rest is quality. */
    static final double TASTE_WEIGHT = 0.75;

    private static final double WATCH_NOISE = 0.12;
    private static final double MIN_WATCH_FRACTION = 0.02;

    private BehaviourModel() {}

    /**
     * @param taste the user's weight for the video's topic relative to their top topic, in [0, 1]
     * @param quality the video's latent quality, in [0, 1]
     */
    static double affinity(double taste, double quality) {
        return TASTE_WEIGHT * taste + (1 - TASTE_WEIGHT) * quality;
    }

    static Response respond(double affinity, double patience, long durationMs, SplittableRandom rng) {
        double a = affinity;
        if (rng.nextDouble() >= 0.15 + 0.8 * a) {
            return Response.skip();
        }
        double fraction = patience * (0.25 + 0.9 * a) + WATCH_NOISE * rng.nextGaussian();
        fraction = Math.min(1.0, Math.max(MIN_WATCH_FRACTION, fraction));
        boolean liked = rng.nextDouble() < 0.02 + 0.5 * a * a * fraction;
        boolean commented = rng.nextDouble() < 0.01 + 0.1 * a * a;
        boolean shared = rng.nextDouble() < 0.005 + 0.15 * a * a * a;
        boolean followed = rng.nextDouble() < 0.002 + 0.06 * a * a * a;
        return new Response(
                true, fraction, Math.round(fraction * durationMs), liked, commented, shared, followed);
    }
}
