package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.Trigger;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleUdfStreamOperatorFactory;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/**
 * The generator mode's printed outputs, as a TaskManager gets them: each JSON map serialised and
 * read back. Two Json::toJson references once read back as the same function, and the first dead
 * letter failed the job with a ClassCastException.
 */
class GeneratorOutputsTest {

    @Test
    @SuppressWarnings("unchecked")
    void eachPrintedOutputKeepsItsOwnFunctionOnceShipped() throws Exception {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.INPUT, ReelRankOptions.Input.GENERATOR);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankJob.define(env, config);
        List<StreamNode> nodes = List.copyOf(env.getStreamGraph().getStreamNodes());

        MapFunction<DeadLetter, String> deadLetters = shipped(nodes, "dead-letters-json");
        MapFunction<Recommendation, String> recommendations = shipped(nodes, "recommendations-json");

        assertThat(deadLetters.map(new DeadLetter("engagements", 0, 7, "bad", "{", DeadLetter.UTF8, 1L)))
                .contains("\"reason\":\"bad\"");
        assertThat(recommendations.map(new Recommendation("r1", "u1", Trigger.REQUEST, "ranker/1", 1L, 2L, List.of())))
                .contains("\"request_id\":\"r1\"");
    }

    @SuppressWarnings("unchecked")
    private static <T> MapFunction<T, String> shipped(List<StreamNode> nodes, String uid) throws Exception {
        StreamNode node = nodes.stream().filter(n -> uid.equals(n.getTransformationUID())).findFirst().orElseThrow();
        Object function = ((SimpleUdfStreamOperatorFactory<?>) node.getOperatorFactory()).getUserFunction();
        return (MapFunction<T, String>) InstantiationUtil.clone((java.io.Serializable) function,
                GeneratorOutputsTest.class.getClassLoader());
    }
}
