package io.reelrank.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.tools.replay.ReplayMainRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker is a real Kafka (transactions commit and abort, read_committed hides the
 * aborted), the replay tool feeds it keyed records in event-time order, and closing the broker
 * leaves no process behind.
 */
class LocalKafkaBrokerITCase {

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalKafkaBroker.start(dataDir.resolve("kafka"));
        broker.createTopics(ReelRankTopics.all(2));
        broker.createTopics(ReelRankTopics.all(2)); // again: existing topics are left alone
    }

    @AfterAll
    static void stopLeavesNoBrokerProcess() throws Exception {
        broker.close();
        assertThat(ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(BrokerProcessMain.class.getName())))
                .as("no broker process left behind").isEmpty();
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() {
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("recommendations", "u1", "committed"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("recommendations", "u1", "aborted"));
            // abortTransaction drops unsent records; flush so the aborted one is on the log.
            producer.flush();
            producer.abortTransaction();
        }
        assertThat(values(readAll("recommendations", "read_committed"))).containsExactly("committed");
        assertThat(values(readAll("recommendations", "read_uncommitted"))).containsExactly("committed", "aborted");
    }

    @Test
    void replayWritesKeyedRecordsInEventTimeOrderAndKeepsUnreadableLines() throws Exception {
        Path videos = Files.write(dataDir.resolve("videos.jsonl"), List.of(
                "{\"video_id\":\"v1\",\"creator_id\":\"c1\",\"duration_ms\":1000,\"published_ts\":50}"));
        Path engagements = Files.write(dataDir.resolve("engagements.csv"), List.of(
                "event_id,user_id,video_id,action,watch_ms,ts",
                "e-2,u1,v1,like,,300", "e-1,u1,v1,play,900,100", "broken row"));
        ReplayMainRunner.run(new PrintStream(OutputStream.nullOutputStream()),
                "--bootstrap", broker.bootstrapServers(), "--videos", videos.toString(),
                "--engagements", engagements.toString(), "--rate", "0");

        List<ConsumerRecord<String, String>> sent = readAll("engagements", "read_committed");
        assertThat(sent).hasSize(3);
        assertThat(sent).filteredOn(r -> r.key() != null).extracting(ConsumerRecord::key).containsOnly("u1");
        assertThat(sent).filteredOn(r -> "u1".equals(r.key())).extracting(ConsumerRecord::value)
                .satisfiesExactly(v -> assertThat(v).contains("\"e-1\""), v -> assertThat(v).contains("\"e-2\""));
        assertThat(values(sent)).contains("broken row");
        assertThat(readAll("videos", "read_committed")).extracting(ConsumerRecord::key).containsExactly("v1");
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        Properties properties = broker.clientProperties();
        properties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, String isolation) {
        Properties properties = broker.clientProperties();
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read " + topic + " in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
