package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The production main's wiring, checked on the stream graph without running it. */
class ReelRankJobTest {

    @Test
    void kafkaInputWiresThreeSourcesAndTwoSinksWithStableUids() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");

        List<String> uids = uids(config);

        assertThat(uids).contains("source-engagements", "source-videos", "source-rank-requests");
        assertThat(uids).anyMatch(u -> u.startsWith("sink-recommendations"));
        assertThat(uids).anyMatch(u -> u.startsWith("sink-dead-letters"));
    }

    @Test
    void generatorInputRunsWithoutKafka() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.INPUT, ReelRankOptions.Input.GENERATOR);

        assertThat(uids(config)).contains("source-engagements", "print-recommendations", "print-dead-letters")
                .noneMatch(u -> u.startsWith("sink-"));
    }

    @Test
    void kafkaInputWithoutBootstrapServersFailsBeforeSubmission() {
        assertThatThrownBy(() -> uids(new Configuration())).hasMessageContaining("reelrank.kafka.bootstrap-servers");
    }

    private static List<String> uids(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankJob.define(env, config);
        return env.getStreamGraph().getStreamNodes().stream()
                .map(StreamNode::getTransformationUID).filter(u -> u != null).toList();
    }
}
