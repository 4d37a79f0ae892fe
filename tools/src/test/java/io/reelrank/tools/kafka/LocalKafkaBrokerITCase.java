package io.reelrank.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local broker is a real Kafka: transactions commit and abort, and it stops when closed. */
class LocalKafkaBrokerITCase {

    @TempDir
    Path dataDir;

    @Test
    void readCommittedSeesCommittedTransactionsOnlyAndCloseStopsTheBroker() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            broker.createTopics(ReelRankTopics.all(2));
            broker.createTopics(ReelRankTopics.all(2));

            try (KafkaProducer<String, String> producer = transactionalProducer(broker)) {
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
            assertThat(readAll(broker, "read_committed")).containsExactly("committed");
            assertThat(readAll(broker, "read_uncommitted")).containsExactly("committed", "aborted");
        }
        assertThat(ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(BrokerProcessMain.class.getName())))
                .as("no broker process left behind").isEmpty();
    }

    private static KafkaProducer<String, String> transactionalProducer(LocalKafkaBroker broker) {
        Properties properties = broker.clientProperties();
        properties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "broker-test");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(LocalKafkaBroker broker, String isolation) {
        Properties properties = broker.clientProperties();
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("recommendations").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
