package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint finds each operator's state by its uid: a renamed uid loses that state on the next
 * upgrade, silently unless the restore refuses non-restored state. So every operator of the
 * whole job carries a uid given here, and the stateful ones are listed: changing one is a
 * decision made in this file, with a migration, not an accident.
 */
class OperatorUidsTest {

    /** Operators with keyed, broadcast or operator state (sources, async queue, sinks included). */
    private static final List<String> STATEFUL = List.of(
            "Sink Committer: feature-log-sink-examples",
            "Sink Committer: feature-log-sink-requests",
            "Sink Committer: feature-log-sink-rows",
            "feature-log-label-join",
            "feature-log-sink-examples",
            "feature-log-sink-requests",
            "feature-log-sink-rows",
            "scorer",
            "source-engagements",
            "source-rank-requests",
            "source-videos",
            "user-ranking",
            "video-stats");

    @Test
    void everyOperatorHasAnExplicitUidAndTheStatefulOnesAreTheListedOnes(@TempDir Path featureLog) {
        assertUids(graph(featureLog, new Configuration()), STATEFUL);
    }

    @Test
    void withKafkaTheSourcesAndSinksAreListedToo(@TempDir Path featureLog) {
        Configuration kafka = new Configuration();
        kafka.set(ReelRankOptions.INPUT, ReelRankOptions.Input.KAFKA);
        kafka.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "localhost:9"); // building the graph connects to nothing
        List<String> withKafkaSinks = new ArrayList<>(STATEFUL);
        withKafkaSinks.addAll(List.of("Sink Committer: sink-dead-letters", "Sink Committer: sink-recommendations",
                "sink-dead-letters", "sink-recommendations"));
        assertUids(graph(featureLog, kafka), withKafkaSinks.stream().sorted().toList());
    }

    private static void assertUids(StreamGraph graph, List<String> expectedStateful) {
        List<StreamNode> nodes = List.copyOf(graph.getStreamNodes());
        assertThat(nodes).as("operators without an explicit uid")
                .filteredOn(node -> node.getTransformationUID() == null)
                .extracting(StreamNode::getOperatorName).isEmpty();
        List<String> stateful = nodes.stream()
                .filter(node -> node.getStateKeySerializer() != null || isSource(node) || isAsync(node) || isSinkPart(node))
                .map(StreamNode::getTransformationUID).filter(Objects::nonNull).distinct().sorted().toList();
        assertThat(stateful).isEqualTo(expectedStateful);
    }

    @Test
    void maxParallelismIsFixedUnlessTheConfigurationSetsIt(@TempDir Path featureLog) {
        assertThat(graph(featureLog, new Configuration()).getExecutionConfig().getMaxParallelism())
                .isEqualTo(ReelRankJob.DEFAULT_MAX_PARALLELISM);
        Configuration wider = new Configuration();
        wider.set(PipelineOptions.MAX_PARALLELISM, 4096);
        assertThat(graph(featureLog, wider).getExecutionConfig().getMaxParallelism()).isEqualTo(4096);
    }

    private static StreamGraph graph(Path featureLog, Configuration overrides) {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.INPUT, ReelRankOptions.Input.GENERATOR);
        config.set(ReelRankOptions.FEATURE_LOG_ENABLED, true);
        config.set(ReelRankOptions.FEATURE_LOG_PATH, featureLog.toUri().toString());
        config.addAll(overrides);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankJob.define(env, config);
        return env.getStreamGraph();
    }

    private static boolean isSource(StreamNode node) {
        return node.getInEdges().isEmpty();
    }

    private static boolean isAsync(StreamNode node) {
        return node.getOperatorFactory() != null
                && node.getOperatorFactory().getClass().getSimpleName().startsWith("AsyncWaitOperator");
    }

    /** A two-phase sink's writer and committer (Flink derives the committer's uid from the sink's). */
    private static boolean isSinkPart(StreamNode node) {
        String factory = node.getOperatorFactory() == null ? "" : node.getOperatorFactory().getClass().getSimpleName();
        return factory.startsWith("SinkWriterOperator") || factory.startsWith("CommitterOperator");
    }
}
