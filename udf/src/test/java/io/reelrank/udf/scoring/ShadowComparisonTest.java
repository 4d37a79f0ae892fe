package io.reelrank.udf.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import org.junit.jupiter.api.Test;

class ShadowComparisonTest {

    @Test
    void theSameOrderCorrelatesFullyAndShiftsByTheMeanDifference() {
        ShadowComparison comparison = ShadowComparison.of(new float[] {0.1f, 0.9f, 0.5f, 0.3f},
                new float[] {0.3f, 1.1f, 0.7f, 0.5f}, 3);

        assertThat(comparison.spearmanTopN()).isCloseTo(1.0, within(1e-9));
        assertThat(comparison.topNOverlap()).isCloseTo(1.0, within(1e-9));
        assertThat(comparison.meanScoreShift()).isCloseTo(0.2, within(1e-6));
    }

    @Test
    void aReversedTopNCorrelatesNegatively() {
        // Serving top-3: indices 0, 1, 2; the shadow orders them the other way round.
        ShadowComparison comparison = ShadowComparison.of(new float[] {0.9f, 0.8f, 0.7f, 0.1f},
                new float[] {0.2f, 0.3f, 0.4f, 0.0f}, 3);

        assertThat(comparison.spearmanTopN()).isCloseTo(-1.0, within(1e-9));
        assertThat(comparison.topNOverlap()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void overlapCountsServingTopNItemsTheShadowAlsoRanksTopN() {
        ShadowComparison comparison = ShadowComparison.of(new float[] {0.9f, 0.8f, 0.1f, 0.2f},
                new float[] {0.9f, 0.1f, 0.8f, 0.2f}, 2);

        assertThat(comparison.topNOverlap()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void spearmanHandlesTiesWithAverageRanksAndIsUndefinedBelowTwoItems() {
        assertThat(ShadowComparison.spearman(new float[] {1, 2, 2, 3}, new float[] {1, 2, 3, 4}))
                .isCloseTo(0.9486832980505138, within(1e-9));
        assertThat(ShadowComparison.spearman(new float[] {1}, new float[] {1})).isNaN();
        assertThat(ShadowComparison.of(new float[] {0.5f}, new float[] {0.7f}, 10).spearmanTopN()).isNaN();
    }
}
