package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingProfileTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long HALF_LIFE = 6 * 3_600_000L;

    @Test
    void meanIsTheWeightedMeanOfTheEmbeddings() {
        EmbeddingProfile profile = new EmbeddingProfile();
        profile.add(new float[] {1f, 0f}, 1f, T0, HALF_LIFE);
        profile.add(new float[] {0f, 1f}, 3f, T0, HALF_LIFE);

        assertThat(profile.totalWeight).isEqualTo(4f);
        assertThat(profile.mean()).containsExactly(0.25f, 0.75f);
    }

    @Test
    void olderEmbeddingsWeighLessByHalfLife() {
        EmbeddingProfile profile = new EmbeddingProfile();
        profile.add(new float[] {1f, 0f}, 1f, T0, HALF_LIFE);
        profile.add(new float[] {0f, 1f}, 1f, T0 + HALF_LIFE, HALF_LIFE);

        assertThat(profile.mean()).containsExactly(new float[] {1f / 3, 2f / 3}, within(1e-7f));

        EmbeddingProfile reversed = new EmbeddingProfile();
        reversed.add(new float[] {0f, 1f}, 1f, T0 + HALF_LIFE, HALF_LIFE);
        reversed.add(new float[] {1f, 0f}, 1f, T0, HALF_LIFE);
        assertThat(reversed.mean()).containsExactly(profile.mean(), within(1e-6f));
    }

    @Test
    void nonPositiveWeightsDoNotContribute() {
        EmbeddingProfile profile = new EmbeddingProfile();
        profile.add(new float[] {1f, 0f}, 2f, T0, HALF_LIFE);
        profile.add(new float[] {0f, 1f}, -1f, T0, HALF_LIFE);
        profile.add(new float[] {0f, 1f}, 0f, T0, HALF_LIFE);

        assertThat(profile.totalWeight).isEqualTo(2f);
        assertThat(profile.mean()).containsExactly(1f, 0f);
    }

    @Test
    void emptyWithoutEngagement() {
        assertThat(new EmbeddingProfile().mean()).isEmpty();
    }

    @Test
    void skippedVideosDoNotMoveTheUserProfileEmbedding() {
        FeatureStateSettings settings = FeatureStateSettings.defaults();
        Video liked = new Video("v1", "c1", List.of("food"), 10_000, T0, new float[] {1f, 0f}, false);
        Video skipped = new Video("v2", "c2", List.of("cars"), 10_000, T0, new float[] {0f, 1f}, false);
        UserProfile user = new UserProfile();

        user.learn(Action.LIKE, T0, "v1", liked, -1f, settings);
        user.learn(Action.SKIP, T0, "v2", skipped, -1f, settings);

        assertThat(user.embedding.mean()).containsExactly(1f, 0f);
        assertThat(user.embedding.totalWeight).isEqualTo(settings.actionWeights().like());
        assertThat(user.tags.weightAt("cars", T0, settings.profileHalfLifeMs()))
                .as("a skip still counts against the tag")
                .isEqualTo(settings.actionWeights().skip());
        assertThat(user.recent.contains("v2")).isTrue();
    }
}
