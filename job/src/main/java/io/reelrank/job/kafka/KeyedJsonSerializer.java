package io.reelrank.job.kafka;

import io.reelrank.udf.contract.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A contract record as one JSON Kafka record (through {@link Json#MAPPER}), keyed for
 * partitioning. The Kafka timestamp is left to the producer (the time of writing): the stream
 * timestamp is event time, which may be months old in a replay, and topic retention counts from
 * the record timestamp. The payload carries event_ts and emitted_ts itself.
 */
public final class KeyedJsonSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;

    public KeyedJsonSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(topic, null, null,
                k == null ? null : k.getBytes(StandardCharsets.UTF_8), Json.toBytes(element));
    }
}
