package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Video;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticWorldTest {

    private static final WorldSettings SETTINGS = WorldSettings.defaults().withUsers(300);
    private final SyntheticWorld world = SyntheticWorld.create(SETTINGS);

    @Test
    void equalSettingsBuildEqualWorlds() {
        SyntheticWorld again = SyntheticWorld.create(SETTINGS);
        assertThat(again.catalog()).isEqualTo(world.catalog());
        for (int u = 0; u < world.userCount(); u++) {
            assertThat(again.favouriteTopics(u)).isEqualTo(world.favouriteTopics(u));
        }
    }

    @Test
    void anotherSeedBuildsAnotherWorld() {
        SyntheticWorld other = SyntheticWorld.create(SETTINGS.withSeed(7));
        long sameVideos = IntStream.range(0, world.videoCount())
                .filter(j -> other.video(j).equals(world.video(j)))
                .count();
        assertThat(sameVideos).isZero();
    }

    @Test
    void catalogFollowsTheSettings() {
        assertThat(world.catalog()).hasSize(SETTINGS.videos());
        long earliest = SETTINGS.startTs() - Duration.ofDays(15).toMillis();
        for (int j = 0; j < world.videoCount(); j++) {
            Video video = world.video(j);
            assertThat(video.videoId()).isEqualTo("v" + j).isEqualTo(world.videoId(j));
            assertThat(Integer.parseInt(video.creatorId().substring(1))).isBetween(0, SETTINGS.creators() - 1);
            assertThat(video.tags()).hasSizeBetween(1, 4).allMatch(tag -> tag.matches("t\\d+_[a-z]+_\\d+"));
            assertThat(video.tags().get(0)).startsWith("t" + world.topicOf(j) + "_");
            assertThat(video.durationMs()).isBetween(5_000L, 180_000L);
            assertThat(video.publishedTs()).isBetween(earliest, SETTINGS.startTs() - 1);
            assertThat(video.embedding()).hasSize(SETTINGS.embeddingDim());
            assertThat(norm(video.embedding())).isCloseTo(1.0, within(1e-5));
            assertThat(video.deleted()).isFalse();
        }
    }

    @Test
    void embeddingsClusterByTopic() {
        double sameTopic = 0;
        double otherTopic = 0;
        int samePairs = 0;
        int otherPairs = 0;
        for (int a = 0; a < 300; a++) {
            for (int b = a + 1; b < 300; b++) {
                double cosine = dot(world.video(a).embedding(), world.video(b).embedding());
                if (world.topicOf(a) == world.topicOf(b)) {
                    sameTopic += cosine;
                    samePairs++;
                } else {
                    otherTopic += cosine;
                    otherPairs++;
                }
            }
        }
        assertThat(sameTopic / samePairs).isGreaterThan(0.7);
        assertThat(Math.abs(otherTopic / otherPairs)).isLessThan(0.2);
    }

    @Test
    void affinityIsHighForFavouriteTopicsOnly() {
        for (int u = 0; u < 50; u++) {
            int top = world.favouriteTopics(u)[0];
            for (int j = 0; j < world.videoCount(); j++) {
                double affinity = world.affinity(u, j);
                assertThat(affinity).isBetween(0.0, 1.0);
                boolean favourite = world.likesTopicsOf(world.userId(u), world.videoId(j));
                if (world.topicOf(j) == top) {
                    assertThat(affinity).isGreaterThanOrEqualTo(0.75);
                } else if (!favourite) {
                    assertThat(affinity).isLessThan(0.4);
                }
            }
        }
    }

    @Test
    void likesTopicsOfComparesWithTheFavouriteTopics() {
        int user = 3;
        int[] favourites = world.favouriteTopics(user);
        assertThat(favourites).hasSizeBetween(1, 2);
        for (int j = 0; j < world.videoCount(); j++) {
            int topic = world.topicOf(j);
            boolean expected = IntStream.of(favourites).anyMatch(t -> t == topic);
            assertThat(world.likesTopicsOf("u3", "v" + j)).isEqualTo(expected);
        }
        assertThat(world.likesTopicsOf("u" + SETTINGS.users(), "v0")).isFalse();
        assertThat(world.likesTopicsOf("u-1", "v0")).isFalse();
        assertThat(world.likesTopicsOf("u3", "v" + SETTINGS.videos())).isFalse();
        assertThat(world.likesTopicsOf(null, "v0")).isFalse();
    }

    @Test
    void userIdsRoundTrip() {
        assertThat(world.userId(17)).isEqualTo("u17");
        assertThat(world.userIndex("u17")).hasValue(17);
        assertThat(world.userIndex("u017")).isEmpty();
        assertThat(world.userIndex("u99999999999")).isEmpty();
        assertThat(world.userIndex("v17")).isEmpty();
    }

    @Test
    void settingsSayWhatToFix() {
        assertThatThrownBy(() -> WorldSettings.defaults().withUsers(0))
                .hasMessageContaining("users is 0");
        assertThatThrownBy(() -> WorldSettings.defaults().withSpacing(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("eventSpacing");
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
