package io.reelrank.tools.kafka;

import io.reelrank.tools.CommandLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints a topic from its beginning as {@code key<TAB>value} lines, the way a downstream
 * service reads ReelRank's output: by default with read_committed, so records of aborted or
 * still open transactions never show. Follows the topic until Ctrl-C, or stops after {@code
 * --max} records.
 *
 * <p>{@code --bootstrap HOST:PORT --topic NAME [--isolation read_committed|read_uncommitted] [--max N]}
 */
public final class ReadTopicMain {
    private ReadTopicMain() {}

    public static void main(String[] args) {
        CommandLine line = CommandLine.parse(args);
        String topic = line.value("topic");
        long max = Long.parseLong(line.value("max", Long.toString(Long.MAX_VALUE)));
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, line.value("bootstrap"));
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, line.value("isolation", "read_committed"));
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(text(record.key()) + "\t" + text(record.value()));
                    if (++printed >= max) {
                        break;
                    }
                }
            }
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
