package io.reelrank.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankOptions;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.tools.kafka.LocalKafkaBroker;
import io.reelrank.tools.kafka.TopicConsumer;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReelRank from a real Kafka broker to it, on RocksDB with checkpoints, failing twice after
 * completed checkpoints. Read with read_committed, EXACTLY_ONCE answers every request exactly
 * once and dead-letters every bad input exactly once; AT_LEAST_ONCE loses nothing either but
 * may answer a request again after each failure.
 */
class KafkaExactlyOnceITCase {

    private static final long ENGAGEMENTS = 4_000;
    private static final long REQUESTS = 600;
    private static final int BAD_ENGAGEMENT_EVERY = 97;
    private static final int FAILURES = 2;
    /** Per subtask; a clean pass over the input takes about 2.5 s at these rates. */
    private static final double ENGAGEMENTS_PER_SECOND = 800;
    private static final double REQUESTS_PER_SECOND = ENGAGEMENTS_PER_SECOND * REQUESTS / ENGAGEMENTS;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @TempDir
    static Path brokerDir;

    private static LocalKafkaBroker broker;
    private static KafkaTestInputs.Written written;

    @BeforeAll
    static void startBrokerAndWriteInputs() throws Exception {
        broker = LocalKafkaBroker.start(brokerDir);
        broker.createTopics(2, Topics.ENGAGEMENTS, Topics.VIDEOS, Topics.RANK_REQUESTS);
        SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults().withUsers(80).withCatalog(200, 20, 6));
        written = KafkaTestInputs.write(broker, world, ENGAGEMENTS, REQUESTS, BAD_ENGAGEMENT_EVERY);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void exactlyOnceAnswersEveryRequestOnceAndDeadLettersEveryBadRecordOnce() throws Exception {
        Outputs outputs = run(DeliveryGuarantee.EXACTLY_ONCE, "exactly-once");

        assertThat(outputs.requestCounts().keySet()).as("answered requests")
                .containsExactlyInAnyOrderElementsOf(written.requestIds());
        assertThat(outputs.duplicateAnswers()).as("requests answered more than once").isEmpty();
        assertThat(outputs.deadLetterOrigins()).as("dead letters, by the input record they point at")
                .containsExactlyInAnyOrderElementsOf(written.badRecordOrigins());
        System.out.printf("EXACTLY_ONCE: %d recommendations committed for %d requests; %d records on the log"
                        + " including aborted transactions; %d dead letters%n",
                outputs.committedRecommendations(), written.requestIds().size(),
                outputs.uncommittedRecommendations(), outputs.deadLetterOrigins().size());
    }

    @Test
    void atLeastOnceLosesNothingButMayAnswerTwice() throws Exception {
        Outputs outputs = run(DeliveryGuarantee.AT_LEAST_ONCE, "at-least-once");

        assertThat(outputs.requestCounts().keySet()).as("answered requests")
                .containsExactlyInAnyOrderElementsOf(written.requestIds());
        assertThat(outputs.deadLetterOrigins()).as("dead letters").containsAll(written.badRecordOrigins());
        System.out.printf("AT_LEAST_ONCE: %d recommendations for %d requests; %d requests answered more than"
                        + " once (%d extra answers)%n",
                outputs.committedRecommendations(), written.requestIds().size(), outputs.duplicateAnswers().size(),
                outputs.committedRecommendations() - written.requestIds().size());
    }

    /** What a read_committed reader of the two output topics sees after one run. */
    private record Outputs(Map<String, Long> requestCounts, List<String> deadLetterOrigins,
                           long committedRecommendations, long uncommittedRecommendations) {
        List<String> duplicateAnswers() {
            return requestCounts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        }
    }

    private Outputs run(DeliveryGuarantee guarantee, String name) throws Exception {
        String recommendations = Topics.RECOMMENDATIONS + "-" + name;
        String deadLetters = Topics.DEAD_LETTERS + "-" + name;
        broker.createTopics(2, recommendations, deadLetters);
        Configuration config = config(guarantee, name, recommendations, deadLetters);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaSettings kafka = KafkaSettings.from(config);
        ReelRankWorkflow.Inputs fromKafka = KafkaInputs.inputs(env, kafka);
        ReelRankWorkflow.Inputs inputs = new ReelRankWorkflow.Inputs(
                fromKafka.engagements().map(new PaceAndFail(ENGAGEMENTS_PER_SECOND, FAILURES))
                        .uid("pace-and-fail-engagements").name("pace and fail"),
                fromKafka.videos(),
                fromKafka.rankRequests().map(new PaceAndFail(REQUESTS_PER_SECOND, 0))
                        .uid("pace-rank-requests").name("pace"));
        KafkaOutputs.sinkTo(ReelRankWorkflow.define(inputs, JobSettings.from(config)), kafka);

        PaceAndFail.FAILURES.set(0);
        env.execute("reelrank-kafka-" + name);
        assertThat(PaceAndFail.FAILURES.get()).as("injected failures").isEqualTo(FAILURES);

        List<JsonNode> committed = read(recommendations, "read_committed");
        Map<String, Long> counts = committed.stream()
                .collect(Collectors.groupingBy(r -> r.get("request_id").asText(), Collectors.counting()));
        List<String> origins = read(deadLetters, "read_committed").stream()
                .map(d -> KafkaTestInputs.origin(d.get("source").asText(), d.get("partition").asInt(),
                        d.get("offset").asLong()))
                .toList();
        return new Outputs(counts, origins, committed.size(), read(recommendations, "read_uncommitted").size());
    }

    private static Configuration config(DeliveryGuarantee guarantee, String name, String recommendations,
                                        String deadLetters) {
        Configuration config = new Configuration();
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.interval", "300 ms");
        config.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", Integer.toString(FAILURES + 1));
        config.setString("restart-strategy.fixed-delay.delay", "200 ms");
        config.setString("pipeline.generic-types", "false");
        config.set(ReelRankOptions.MODEL_REGISTRY, "../models/registry");
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, broker.bootstrapServers());
        config.set(ReelRankOptions.KAFKA_GROUP_ID, "reelrank-it-" + name);
        config.set(ReelRankOptions.KAFKA_TOPIC_RECOMMENDATIONS, recommendations);
        config.set(ReelRankOptions.KAFKA_TOPIC_DEAD_LETTERS, deadLetters);
        config.set(ReelRankOptions.KAFKA_STARTING_OFFSETS, "earliest");
        config.set(ReelRankOptions.KAFKA_STOP_AT_LATEST, true);
        config.set(ReelRankOptions.KAFKA_DELIVERY_GUARANTEE, guarantee);
        return config;
    }

    private static List<JsonNode> read(String topic, String isolation) {
        return TopicConsumer.readAll(broker.clientProperties(), topic, isolation, Duration.ofSeconds(60)).stream()
                .map(KafkaExactlyOnceITCase::tree).toList();
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
