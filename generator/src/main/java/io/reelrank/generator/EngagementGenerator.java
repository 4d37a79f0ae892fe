package io.reelrank.generator;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Engagement number i: a user drawn by activity meets a video from their feed (taste-matching,
 * trending or random) at {@code startTs + i * eventSpacing} and reacts as the behaviour model
 * says. Each index is one view reported as its most significant action ({@link
 * Response#mostSignificantAction()}); {@code watch_ms} comes with plays only, as the contract
 * wants. The record depends on the index alone.
 */
public final class EngagementGenerator extends WorldGeneratorFunction {

    private static final long serialVersionUID = 1L;

    public EngagementGenerator(SyntheticWorld world) {
        super(world);
    }

    @Override
    public RawRecord map(Long index) throws IOException {
        return RawRecord.of(Topics.ENGAGEMENTS, index, Json.toBytes(engagement(index)));
    }

    public Engagement engagement(long index) throws IOException {
        SyntheticWorld world = world();
        WorldSettings settings = world.settings();
        SplittableRandom rng = Seeds.random(settings.seed(), Seeds.ENGAGEMENTS, index);
        long ts = settings.startTs() + index * settings.eventSpacing().toMillis();
        int user = world.sampleUser(rng);
        int video = world.sampleVideoFor(user, ts, rng);
        Response response = world.respond(user, video, rng);
        Action action = response.mostSignificantAction();
        return new Engagement(
                "e-" + index,
                world.userId(user),
                world.videoId(video),
                action,
                action == Action.PLAY ? response.watchMs() : null,
                ts);
    }
}
