package io.reelrank.tools.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic from its beginning as a downstream service would, with the isolation level
 * it chooses (read_committed never shows records of aborted or still open transactions): every
 * partition assigned, no consumer group.
 */
public final class TopicConsumer implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    /** {@code client} holds at least the bootstrap servers; the isolation level is set here. */
    public TopicConsumer(Properties client, String topic, String isolationLevel) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every value up to the end offsets as of now (for read_committed: the last stable offset). */
    public static List<byte[]> readAll(Properties client, String topic, String isolationLevel, Duration timeout) {
        try (TopicConsumer reader = new TopicConsumer(client, topic, isolationLevel)) {
            return reader.readToEnd(timeout);
        }
    }

    /** Hands each record to {@code handler} as it arrives, until {@code max} records or {@link #stop()}. */
    public void follow(long max, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        long handled = 0;
        try {
            while (handled < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handler.accept(record);
                    if (++handled >= max) {
                        return;
                    }
                }
            }
        } catch (WakeupException stopped) {
            // stop() was called: the end of following, not an error.
        }
    }

    /** Ends {@link #follow} from another thread (Ctrl-C). */
    public void stop() {
        consumer.wakeup();
    }

    private List<byte[]> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<byte[]> values = new ArrayList<>();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " up to " + end + " within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                values.add(record.value());
            }
        }
        return values;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
