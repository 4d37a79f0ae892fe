package io.reelrank.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositiveRankTest {

    private static final List<String> CANDIDATES = List.of("p", "a", "b", "c");

    @Test
    void firstPlaceIsAFullHitWithNdcgOne() {
        PositiveRank rank = PositiveRank.of(Map.of("p", 0.9, "a", 0.5, "b", 0.1, "c", 0.2), CANDIDATES, "p");
        assertThat(rank).isEqualTo(new PositiveRank(0, 0));
        assertThat(rank.hitRate(10)).isEqualTo(1.0);
        assertThat(rank.ndcg(10)).isEqualTo(1.0);
    }

    @Test
    void thirdPlaceScoresOneOverLogTwoOfFour() {
        PositiveRank rank = PositiveRank.of(Map.of("p", 0.3, "a", 0.5, "b", 0.4, "c", 0.2), CANDIDATES, "p");
        assertThat(rank.hitRate(10)).isEqualTo(1.0);
        assertThat(rank.ndcg(10)).isCloseTo(0.5, within(1e-12)); // 1 / log2(3 + 1)
        assertThat(rank.hitRate(2)).isZero();
        assertThat(rank.ndcg(2)).isZero();
    }

    @Test
    void tiesCountAsTheExpectationOverTheirOrders() {
        PositiveRank allTied = PositiveRank.of(Map.of("p", 1.0, "a", 1.0, "b", 1.0, "c", 1.0), CANDIDATES, "p");
        assertThat(allTied.hitRate(2)).isEqualTo(0.5);
        double expected = (1.0 + 1 / (Math.log(3) / Math.log(2))) / 4;
        assertThat(allTied.ndcg(2)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aCandidateTheRankerDroppedRanksLast() {
        PositiveRank missingPositive = PositiveRank.of(Map.of("a", 0.1, "b", 0.2, "c", 0.3), CANDIDATES, "p");
        assertThat(missingPositive).isEqualTo(new PositiveRank(3, 0));
        PositiveRank missingNegative = PositiveRank.of(Map.of("p", -5.0, "a", 0.1), CANDIDATES, "p");
        assertThat(missingNegative).isEqualTo(new PositiveRank(1, 0));
    }

    @Test
    void methodScoresAverageOverRequests() {
        MethodScores scores = new MethodScores("m", 10);
        scores.add(new PositiveRank(0, 0));
        scores.add(new PositiveRank(20, 0));
        assertThat(scores.hitRate()).isEqualTo(0.5);
        assertThat(scores.ndcg()).isEqualTo(0.5);
        assertThat(scores.requests()).isEqualTo(2);
    }
}
