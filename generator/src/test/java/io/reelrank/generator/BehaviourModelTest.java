package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BehaviourModelTest {

    private final SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults());

    @Test
    void usersRespondFarBetterToTheirFavouriteTopics() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] shown = new int[2];
        int[] positive = new int[2];
        int[] skipped = new int[2];
        for (int i = 0; i < 20_000; i++) {
            int user = rng.nextInt(world.userCount());
            int video = rng.nextInt(world.videoCount());
            int group = world.likesTopicsOf(world.userId(user), world.videoId(video)) ? 1 : 0;
            Response response = world.respond(user, video, rng);
            shown[group]++;
            positive[group] += SyntheticWorld.isPositive(response) ? 1 : 0;
            skipped[group] += response.played() ? 0 : 1;
        }
        double matchingRate = (double) positive[1] / shown[1];
        double otherRate = (double) positive[0] / shown[0];
        assertThat(shown[1]).isGreaterThan(1_000);
        assertThat(matchingRate).isGreaterThan(0.3).isGreaterThan(5 * otherRate);
        assertThat((double) skipped[0] / shown[0]).isGreaterThan(2.0 * skipped[1] / shown[1]);
    }

    @Test
    void responsesAreConsistent() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 5_000; i++) {
            int video = rng.nextInt(world.videoCount());
            Response response = world.respond(rng.nextInt(world.userCount()), video, rng);
            if (response.played()) {
                assertThat(response.watchFraction()).isBetween(0.02, 1.0);
                assertThat(response.watchMs())
                        .isEqualTo(Math.round(response.watchFraction() * world.video(video).durationMs()));
            } else {
                assertThat(response).isEqualTo(Response.skip());
                assertThat(response.mostSignificantAction()).isEqualTo(Action.SKIP);
            }
        }
    }

    @Test
    void positiveMeansLikeShareOrAlmostFullWatch() {
        assertThat(SyntheticWorld.isPositive(played(0.8, false, false, false, false))).isTrue();
        assertThat(SyntheticWorld.isPositive(played(0.79, false, true, false, true))).isFalse();
        assertThat(SyntheticWorld.isPositive(played(0.1, true, false, false, false))).isTrue();
        assertThat(SyntheticWorld.isPositive(played(0.1, false, false, true, false))).isTrue();
        assertThat(SyntheticWorld.isPositive(Response.skip())).isFalse();
    }

    @Test
    void theRarestActionIsReported() {
        assertThat(played(1, true, true, true, true).mostSignificantAction()).isEqualTo(Action.FOLLOW);
        assertThat(played(1, true, true, true, false).mostSignificantAction()).isEqualTo(Action.SHARE);
        assertThat(played(1, true, true, false, false).mostSignificantAction()).isEqualTo(Action.COMMENT);
        assertThat(played(1, true, false, false, false).mostSignificantAction()).isEqualTo(Action.LIKE);
        assertThat(played(1, false, false, false, false).mostSignificantAction()).isEqualTo(Action.PLAY);
    }

    private static Response played(double fraction, boolean liked, boolean commented, boolean shared,
            boolean followed) {
        return new Response(true, fraction, Math.round(fraction * 10_000), liked, commented, shared, followed);
    }
}
