package io.reelrank.job.kafka;

import io.reelrank.job.ReelRankOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * ReelRank's Kafka options, read and checked once. {@code clientProperties} are the {@code
 * kafka.*} keys of the configuration without their prefix (security, SASL, tuning); they reach
 * every source and sink and win over ReelRank's own client defaults.
 */
public record KafkaSettings(
        String bootstrapServers,
        String groupId,
        String engagementsTopic,
        String videosTopic,
        String rankRequestsTopic,
        String recommendationsTopic,
        String deadLettersTopic,
        String startingOffsets,
        boolean stopAtLatest,
        DeliveryGuarantee deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> clientProperties) {

    public static KafkaSettings from(Configuration config) {
        String bootstrap = config.getOptional(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("set " + ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS.key()
                        + " (e.g. --" + ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS.key() + " localhost:9092), or "
                        + ReelRankOptions.INPUT.key() + ": generator to run without Kafka"));
        String groupId = config.get(ReelRankOptions.KAFKA_GROUP_ID);
        KafkaSettings settings = new KafkaSettings(
                bootstrap,
                groupId,
                config.get(ReelRankOptions.KAFKA_TOPIC_ENGAGEMENTS),
                config.get(ReelRankOptions.KAFKA_TOPIC_VIDEOS),
                config.get(ReelRankOptions.KAFKA_TOPIC_RANK_REQUESTS),
                config.get(ReelRankOptions.KAFKA_TOPIC_RECOMMENDATIONS),
                config.get(ReelRankOptions.KAFKA_TOPIC_DEAD_LETTERS),
                config.get(ReelRankOptions.KAFKA_STARTING_OFFSETS),
                config.get(ReelRankOptions.KAFKA_STOP_AT_LATEST),
                config.get(ReelRankOptions.KAFKA_DELIVERY_GUARANTEE),
                config.getOptional(ReelRankOptions.KAFKA_TRANSACTIONAL_ID_PREFIX).orElse(groupId),
                config.get(ReelRankOptions.KAFKA_TRANSACTION_TIMEOUT),
                kafkaPrefixed(config.toMap()));
        StartingOffsets.parse(settings.startingOffsets());
        config.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).ifPresent(settings::checkAgainstCheckpoints);
        return settings;
    }

    /** The client properties on top of {@code defaults}: what the user set wins. */
    public Properties clientPropertiesOver(Map<String, String> defaults) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.putAll(clientProperties);
        return properties;
    }

    /**
     * A transaction stays open from the first record after one checkpoint until the next one
     * completes; the broker aborts it after the timeout, losing its records. So the timeout
     * must exceed the checkpoint interval by a wide margin (docs/kafka.md).
     */
    private void checkAgainstCheckpoints(Duration checkpointInterval) {
        if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE
                && transactionTimeout.compareTo(checkpointInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(ReelRankOptions.KAFKA_TRANSACTION_TIMEOUT.key() + " is "
                    + transactionTimeout + " but checkpoints come every " + checkpointInterval
                    + "; raise the timeout (up to the broker's transaction.max.timeout.ms) or checkpoint more often");
        }
    }

    private static Map<String, String> kafkaPrefixed(Map<String, String> config) {
        Map<String, String> properties = new TreeMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(ReelRankOptions.KAFKA_CLIENT_PREFIX)) {
                properties.put(key.substring(ReelRankOptions.KAFKA_CLIENT_PREFIX.length()), value);
            }
        });
        return Map.copyOf(properties);
    }
}
