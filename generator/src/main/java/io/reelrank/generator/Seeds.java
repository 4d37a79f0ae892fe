package io.reelrank.generator;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the world's seed. Every entity (a user, a video, an
 * event index) draws from its own stream, so what one entity gets never depends on how many
 * draws another one made, nor on which parallel reader generates it.
 */
final class Seeds {

    static final long USERS = 0x5553_4552L;
    static final long CREATORS = 0x4352_4541L;
    static final long VIDEOS = 0x5649_4445L;
    static final long TOPICS = 0x544F_5049L;
    static final long TRENDING = 0x5452_454EL;
    static final long ENGAGEMENTS = 0x454E_4741L;
    static final long REQUESTS = 0x5245_5155L;

    private Seeds() {}

    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(stream)) ^ index));
    }

    /** The SplitMix64 finaliser: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
