package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class TopNFunctionTest {

    @Test
    void turnsAScoredRequestIntoItsRecommendation() throws Exception {
        ScoringTask task = new ScoringTask("r-9", "u42", Trigger.COLD_START, 1_767_225_601_000L, 2,
                new String[] {"v7", "v8", "v11"}, new String[] {"c1", "c1", "c2"}, new float[3], 1, 5L);
        long before = System.currentTimeMillis();

        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new TopNFunction(1)))) {
            harness.open();
            harness.processElement(new ScoredTask(task, new float[] {0.5f, 0.9f, 0.1f}, "ranker/3"), 1L);

            Recommendation recommendation = harness.extractOutputValues().get(0);
            assertThat(recommendation.requestId()).isEqualTo("r-9");
            assertThat(recommendation.userId()).isEqualTo("u42");
            assertThat(recommendation.trigger()).isEqualTo(Trigger.COLD_START);
            assertThat(recommendation.modelVersion()).isEqualTo("ranker/3");
            assertThat(recommendation.eventTs()).isEqualTo(1_767_225_601_000L);
            assertThat(recommendation.emittedTs()).isBetween(before, System.currentTimeMillis());
            assertThat(recommendation.items())
                    .containsExactly(new RecommendedItem("v8", 0.9f, 1), new RecommendedItem("v11", 0.1f, 2));
        }
    }

    @Test
    void writesEachItemsHeadValuesOnlyWhenAsked() throws Exception {
        ScoringTask task = new ScoringTask("r-9", "u42", Trigger.REQUEST, 1L, 2,
                new String[] {"v7", "v8", "v11"}, new String[] {"c1", "c2", "c3"}, new float[3], 1, 5L);
        ScoredTask scored = new ScoredTask(task, new float[] {0.5f, 0.9f, 0.1f}, "ranker/4",
                new String[] {"play", "like"}, new float[][] {{0.4f, 0.8f, 0.1f}, {0.2f, 0.3f, 0f}});

        Recommendation withHeads = topN(new TopNFunction(2, true), scored);
        Recommendation without = topN(new TopNFunction(2), scored);

        assertThat(withHeads.items()).containsExactly(
                new RecommendedItem("v8", 0.9f, 1, false, Map.of("play", 0.8f, "like", 0.3f)),
                new RecommendedItem("v7", 0.5f, 2, false, Map.of("play", 0.4f, "like", 0.2f)));
        assertThat(Json.MAPPER.readTree(Json.toJson(withHeads.items().get(0)))).isEqualTo(Json.MAPPER.readTree(
                "{\"video_id\":\"v8\",\"score\":0.9,\"rank\":1,\"heads\":{\"play\":0.8,\"like\":0.3}}"));
        assertThat(without.items()).extracting(RecommendedItem::heads).containsOnlyNulls();
        assertThat(Json.toJson(without.items().get(0))).as("no heads field at all")
                .isEqualTo("{\"video_id\":\"v8\",\"score\":0.9,\"rank\":1}");
    }

    @Test
    void recommendedItemsWithHeadValuesAreFlinkPojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RecommendedItem.class);
    }

    private static Recommendation topN(TopNFunction function, ScoredTask scored) throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(function))) {
            harness.open();
            harness.processElement(scored, 1L);
            return harness.extractOutputValues().get(0);
        }
    }

    @Test
    void measuresEventAndIngestToEmitLatency() throws Exception {
        long now = System.currentTimeMillis();
        ScoringTask task = new ScoringTask("r-1", "u1", Trigger.REQUEST, now - 60_000, 1,
                new String[] {"v1"}, new String[] {"c1"}, new float[1], 1, now - 2_000);
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

        try (var harness = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new TopNFunction(1)), environment)) {
            harness.open();
            harness.processElement(new ScoredTask(task, new float[] {0.5f}, "ranker/1"), 1L);
        }

        assertThat(((Counter) metrics.get("recommendations")).getCount()).isEqualTo(1);
        HistogramStatistics eventToEmit = ((Histogram) metrics.get("eventToEmitMillis")).getStatistics();
        HistogramStatistics ingestToEmit = ((Histogram) metrics.get("ingestToEmitMillis")).getStatistics();
        long elapsed = System.currentTimeMillis() - now;
        assertThat(eventToEmit.getMax()).isBetween(60_000L, 60_000L + elapsed);
        assertThat(ingestToEmit.getMax()).isBetween(2_000L, 2_000L + elapsed);
    }
}
