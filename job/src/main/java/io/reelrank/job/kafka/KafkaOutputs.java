package io.reelrank.job.kafka;

import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Recommendation;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * Recommendations (key user_id) and dead letters (key: the input topic) to Kafka. With
 * EXACTLY_ONCE each sink writes in transactions committed when a checkpoint completes, under
 * its own transactional-id prefix ({@code <prefix>-recommendations}, {@code
 * <prefix>-dead-letters}), so neither sink nor another job fences the other's producers.
 */
public final class KafkaOutputs {
    private KafkaOutputs() {}

    public static void sinkTo(ReelRankWorkflow.Outputs outputs, KafkaSettings settings) {
        outputs.recommendations()
                .sinkTo(sink(settings, "recommendations",
                        new KeyedJsonSerializer<>(settings.recommendationsTopic(), Recommendation::userId)))
                .uid("sink-recommendations").name("kafka: recommendations");
        outputs.deadLetters()
                .sinkTo(sink(settings, "dead-letters",
                        new KeyedJsonSerializer<>(settings.deadLettersTopic(), DeadLetter::source)))
                .uid("sink-dead-letters").name("kafka: dead letters");
    }

    static <T> KafkaSink<T> sink(KafkaSettings settings, String name, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(settings.deliveryGuarantee())
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
                .setKafkaProducerConfig(settings.clientPropertiesOver(Map.of(
                        "transaction.timeout.ms", Long.toString(settings.transactionTimeout().toMillis()))))
                .build();
    }
}
