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
}
