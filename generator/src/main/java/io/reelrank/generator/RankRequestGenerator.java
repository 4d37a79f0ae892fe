package io.reelrank.generator;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rank request number i ({@code r-<i>}) at {@code startTs + i * requestSpacing}: a user drawn by
 * activity and distinct candidates as a retrieval stage would send them, about 30% drawn from
 * the user's taste and the rest from the whole catalog, so a good ranker has something to find
 * and a random one mostly misses.
 */
public final class RankRequestGenerator extends WorldGeneratorFunction {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_CANDIDATES = 50;
    public static final int DEFAULT_N = 10;
    private static final double TASTE_CANDIDATE_SHARE = 0.3;

    private final int candidatesPerRequest;

    public RankRequestGenerator(SyntheticWorld world, int candidatesPerRequest) {
        super(world);
        if (candidatesPerRequest < 1) {
            throw new IllegalArgumentException(
                    "candidatesPerRequest is " + candidatesPerRequest + "; ask for at least 1");
        }
        this.candidatesPerRequest = candidatesPerRequest;
    }

    @Override
    public RawRecord map(Long index) throws IOException {
        return RawRecord.of(Topics.RANK_REQUESTS, index, Json.toBytes(request(index)));
    }

    /** Fewer candidates than asked for only when the catalog itself is smaller. */
    public RankRequest request(long index) throws IOException {
        SyntheticWorld world = world();
        WorldSettings settings = world.settings();
        SplittableRandom rng = Seeds.random(settings.seed(), Seeds.REQUESTS, index);
        int user = world.sampleUser(rng);
        int wanted = Math.min(candidatesPerRequest, world.videoCount());
        Set<String> candidates = new LinkedHashSet<>();
        while (candidates.size() < wanted) {
            int video = rng.nextDouble() < TASTE_CANDIDATE_SHARE
                    ? world.sampleTasteMatchingVideo(user, rng)
                    : world.sampleAnyVideo(rng);
            candidates.add(world.videoId(video));
        }
        return new RankRequest(
                "r-" + index,
                world.userId(user),
                new ArrayList<>(candidates),
                DEFAULT_N,
                settings.startTs() + index * settings.requestSpacing().toMillis());
    }
}
