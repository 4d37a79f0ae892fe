package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.contract.RecommendedItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopNSelectorTest {

    @Test
    void ranksByScoreDescending() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v1", "v2", "v3", "v4"}, new String[] {"a", "b", "c", "d"},
                new float[] {0.1f, 0.9f, 0.5f, 0.7f}, 3, 10);

        assertThat(top).containsExactly(
                new RecommendedItem("v2", 0.9f, 1), new RecommendedItem("v4", 0.7f, 2), new RecommendedItem("v3", 0.5f, 3));
    }

    @Test
    void capsVideosPerCreatorAndFillsWithTheNextBest() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v1", "v2", "v3", "v4", "v5"}, new String[] {"a", "a", "a", "b", "b"},
                new float[] {0.9f, 0.8f, 0.7f, 0.2f, 0.1f}, 4, 2);

        assertThat(top).extracting(RecommendedItem::videoId).containsExactly("v1", "v2", "v4", "v5");
        assertThat(top).extracting(RecommendedItem::rank).containsExactly(1, 2, 3, 4);
    }

    @Test
    void unknownCreatorsAreNotCapped() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v1", "v2", "v3"}, new String[] {null, null, null}, new float[] {0.3f, 0.2f, 0.1f}, 3, 1);

        assertThat(top).extracting(RecommendedItem::videoId).containsExactly("v1", "v2", "v3");
    }

    @Test
    void breaksTiesByVideoIdSoTheOrderIsDeterministic() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v9", "v10", "v2"}, new String[] {"a", "b", "c"}, new float[] {0.5f, 0.5f, 0.5f}, 3, 10);

        assertThat(top).extracting(RecommendedItem::videoId).containsExactly("v10", "v2", "v9");
    }

    @Test
    void returnsEveryCandidateWhenNIsLarger() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v1", "v2"}, new String[] {"a", "b"}, new float[] {0.1f, 0.2f}, 50, 10);

        assertThat(top).extracting(RecommendedItem::videoId).containsExactly("v2", "v1");
    }

    @Test
    void leavesOutNanScores() {
        List<RecommendedItem> top = TopNSelector.select(
                new String[] {"v1", "v2", "v3"}, new String[] {"a", "b", "c"},
                new float[] {Float.NaN, 0.2f, Float.NEGATIVE_INFINITY}, 3, 10);

        assertThat(top).extracting(RecommendedItem::videoId).containsExactly("v2", "v3");
    }

    @Test
    void nOfZeroOrNoCandidatesGivesAnEmptyList() {
        assertThat(TopNSelector.select(new String[] {"v1"}, new String[] {"a"}, new float[] {1f}, 0, 1)).isEmpty();
        assertThat(TopNSelector.select(new String[0], new String[0], new float[0], 10, 1)).isEmpty();
    }

    @Test
    void rejectsMismatchedArraysAndAZeroCap() {
        assertThatThrownBy(() -> TopNSelector.select(new String[] {"v1"}, new String[0], new float[] {1f}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopNSelector.select(new String[] {"v1"}, new String[] {"a"}, new float[] {1f}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPerCreator");
    }

    /**
     * Random requests with many equal scores, NaNs, signed zeros, infinities and capped creators
     * against the definition: highest score first (as Float.compare orders), then video id,
     * NaNs left out, at most maxPerCreator per creator.
     */
    @Test
    void agreesWithTheDefinitionOnRandomRequests() {
        java.util.Random random = new java.util.Random(7);
        float[] palette = {0f, -0f, 0.5f, -0.5f, 1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.25f};
        for (int round = 0; round < 2_000; round++) {
            int size = random.nextInt(60);
            String[] videoIds = new String[size];
            String[] creatorIds = new String[size];
            float[] scores = new float[size];
            for (int i = 0; i < size; i++) {
                videoIds[i] = "v" + random.nextInt(1_000_000);
                creatorIds[i] = random.nextInt(5) == 0 ? null : "c" + random.nextInt(6);
                scores[i] = random.nextBoolean() ? palette[random.nextInt(palette.length)] : random.nextFloat();
            }
            int n = random.nextInt(15);
            int cap = 1 + random.nextInt(3);
            assertThat(TopNSelector.select(videoIds, creatorIds, scores, n, cap))
                    .as("round %d", round).isEqualTo(byDefinition(videoIds, creatorIds, scores, n, cap));
        }
    }

    private static List<RecommendedItem> byDefinition(String[] videoIds, String[] creatorIds, float[] scores, int n,
                                                      int cap) {
        List<Integer> order = java.util.stream.IntStream.range(0, scores.length)
                .filter(i -> !Float.isNaN(scores[i])).boxed()
                .sorted(java.util.Comparator.<Integer>comparingDouble(i -> scores[i]).reversed()
                        .thenComparing(i -> videoIds[i]))
                .toList();
        List<RecommendedItem> picked = new java.util.ArrayList<>();
        java.util.Map<String, Integer> perCreator = new java.util.HashMap<>();
        for (int i : order) {
            if (picked.size() >= n) {
                break;
            }
            if (creatorIds[i] != null && perCreator.merge(creatorIds[i], 1, Integer::sum) > cap) {
                continue;
            }
            picked.add(new RecommendedItem(videoIds[i], scores[i], picked.size() + 1));
        }
        return picked;
    }
}
