package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Filled items rank after the request's own and are marked; a list shorter than n says why, and both are counted. */
class ShortRecommendationsTest {

    private static final String[] VIDEOS = {"own-1", "own-2", "fill-1", "fill-2"};
    private static final String[] CREATORS = {"c1", "c2", "c3", "c1"};

    @Test
    void filledRowsTakeOnlyThePlacesTheRequestsOwnLeaveFree() {
        float[] scores = {0.2f, 0.1f, 0.9f, 0.8f};

        assertThat(TopNSelector.select(VIDEOS, CREATORS, scores, 3, 2, 2)).containsExactly(
                new RecommendedItem("own-1", 0.2f, 1),
                new RecommendedItem("own-2", 0.1f, 2),
                new RecommendedItem("fill-1", 0.9f, 3, true));
        assertThat(TopNSelector.select(VIDEOS, CREATORS, scores, 3, 2, 0))
                .as("the same rows, none filled: ranked by score alone")
                .extracting(RecommendedItem::videoId).containsExactly("fill-1", "fill-2", "own-1");
    }

    @Test
    void thePerCreatorCapCountsOwnAndFilledItemsTogether() {
        float[] scores = {0.2f, 0.1f, Float.NaN, 0.8f};

        assertThat(TopNSelector.select(VIDEOS, CREATORS, scores, 4, 1, 2))
                .extracting(RecommendedItem::videoId).containsExactly("own-1", "own-2");
    }

    @Test
    void aShortListSaysWhyInTheRankersWordsAndTopNs() {
        ScoringTask task = task(4, "2 of 5 candidates left after the filters (3 already seen), 4 wanted");

        assertThat(ShortLists.ofRecommendation(task, new float[] {0.5f, Float.NaN}, 1, 2))
                .isEqualTo("2 of 5 candidates left after the filters (3 already seen), 4 wanted; 1 could not be scored");
        assertThat(ShortLists.ofRecommendation(task(2, null), new float[] {0.5f, 0.4f}, 1, 1))
                .isEqualTo("at most 1 per creator");
        assertThat(ShortLists.ofRecommendation(task(2, null), new float[] {0.5f, 0.4f}, 2, 1)).isNull();
        assertThat(ShortLists.ofRecommendation(task(4, null), new float[] {0.5f, 0.4f}, 2, 2))
                .as("a task restored from a savepoint taken before tasks carried reasons")
                .isEqualTo("2 candidates, 4 wanted");
    }

    @Test
    void theRecommendationCarriesTheReasonAndTheCountersCountShortListsAndFilledItems() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment environment = new MockEnvironmentBuilder()
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID operatorID, String name, Map<String, String> additionalVariables) {
                        return metrics;
                    }
                })
                .build();
        ScoringTask filled = new ScoringTask("r-1", "u1", Trigger.REQUEST, 1L, 3, VIDEOS, CREATORS, new float[4], 1, 1L,
                2, null);
        ScoringTask alone = task(4, "2 candidates offered, 4 wanted");

        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new TopNFunction(2)), environment)) {
            harness.open();
            harness.processElement(new ScoredTask(filled, new float[] {0.2f, 0.1f, 0.9f, 0.8f}, "ranker/1"), 1L);
            harness.processElement(new ScoredTask(alone, new float[] {0.2f, 0.1f}, "ranker/1"), 2L);

            List<Recommendation> out = harness.extractOutputValues();
            assertThat(out.get(0).items()).extracting(RecommendedItem::filled).containsExactly(false, false, true);
            assertThat(out.get(0).shortReason()).isNull();
            assertThat(out.get(1).items()).hasSize(2);
            assertThat(out.get(1).shortReason()).isEqualTo("2 candidates offered, 4 wanted");
        }
        assertThat(((Counter) metrics.get("recommendationsShort")).getCount()).isEqualTo(1);
        assertThat(((Counter) metrics.get("itemsFilled")).getCount()).isEqualTo(1);
    }

    /** Two candidates of one creator, none filled. */
    private static ScoringTask task(int n, String shortReason) {
        return new ScoringTask("r-2", "u1", Trigger.REQUEST, 1L, n, new String[] {"own-1", "own-2"},
                new String[] {"c1", "c1"}, new float[2], 1, 1L, 0, shortReason);
    }
}
