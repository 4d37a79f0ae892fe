package io.reelrank.generator;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Which videos a user meets: half the time one from a topic drawn from their taste (what a
 * decent feed shows), sometimes one of the hour's trending videos (which gives video counters
 * something to count), otherwise anything in the catalog.
 */
final class VideoPicker {

    private static final double TASTE_SHARE = 0.5;
    private static final double TRENDING_SHARE = 0.15;
    private static final int TRENDING_VIDEOS = 20;
    private static final long TRENDING_PERIOD_MS = Duration.ofHours(1).toMillis();

    private final Catalog catalog;
    private final Audience audience;
    private final long seed;
    private final long startTs;

    VideoPicker(Catalog catalog, Audience audience, long seed, long startTs) {
        this.catalog = catalog;
        this.audience = audience;
        this.seed = seed;
        this.startTs = startTs;
    }

    /** The video a feed shows the user at {@code ts}. */
    int next(int user, long ts, SplittableRandom rng) {
        double r = rng.nextDouble();
        if (r < TASTE_SHARE) {
            return tasteMatching(user, rng);
        } else if (r < TASTE_SHARE + TRENDING_SHARE) {
            return trending(ts, rng);
        }
        return any(rng);
    }

    /** A video of a topic drawn from the user's taste; any video when that topic has none. */
    int tasteMatching(int user, SplittableRandom rng) {
        int[] videos = catalog.videosOf(audience.sampleTopic(user, rng));
        return videos.length == 0 ? any(rng) : videos[rng.nextInt(videos.length)];
    }

    int any(SplittableRandom rng) {
        return rng.nextInt(catalog.size());
    }

    /**
     * One of the trending videos of the hour containing {@code ts}. The hour's list is a fixed
     * draw from its own stream, the first entries hotter than the last.
     */
    int trending(long ts, SplittableRandom rng) {
        double u = rng.nextDouble();
        int rank = (int) (TRENDING_VIDEOS * u * u);
        long period = Math.floorDiv(ts - startTs, TRENDING_PERIOD_MS);
        SplittableRandom hour = Seeds.random(seed, Seeds.TRENDING, period);
        int video = 0;
        for (int i = 0; i <= rank; i++) {
            video = hour.nextInt(catalog.size());
        }
        return video;
    }
}
