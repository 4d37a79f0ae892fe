package io.reelrank.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.job.ReelRankOptions;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

    @Test
    void defaultsAreExactlyOnceWithTheGroupAsTransactionalPrefix() {
        KafkaSettings settings = KafkaSettings.from(config());

        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.transactionalIdPrefix()).isEqualTo("reelrank");
        assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.engagementsTopic()).isEqualTo("engagements");
        assertThat(settings.videosTopic()).isEqualTo("videos");
        assertThat(settings.recommendationsTopic()).isEqualTo("recommendations");
    }

    @Test
    void kafkaPrefixedKeysReachTheClientsAndWinOverDefaults() {
        Configuration config = config();
        config.setString("kafka.security.protocol", "SASL_SSL");
        config.setString("kafka.sasl.mechanism", "SCRAM-SHA-512");
        config.setString("kafka.isolation.level", "read_uncommitted");

        var properties = KafkaSettings.from(config).clientPropertiesOver(Map.of("isolation.level", "read_committed"));

        assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("isolation.level", "read_uncommitted")
                .doesNotContainKey("bootstrap-servers");
    }

    @Test
    void aMissingBootstrapServerSaysWhatToSet() {
        assertThatThrownBy(() -> KafkaSettings.from(new Configuration()))
                .hasMessageContaining("reelrank.kafka.bootstrap-servers").hasMessageContaining("generator");
    }

    @Test
    void aTransactionTimeoutShorterThanTwoCheckpointIntervalsIsRefused() {
        Configuration config = config();
        config.setString("execution.checkpointing.interval", "10 min");
        assertThatThrownBy(() -> KafkaSettings.from(config))
                .hasMessageContaining("reelrank.kafka.transaction-timeout").hasMessageContaining("checkpoint");

        config.set(ReelRankOptions.KAFKA_DELIVERY_GUARANTEE, DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(KafkaSettings.from(config).deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void startingOffsetsAreCheckedUpFront() {
        Configuration config = config();
        config.set(ReelRankOptions.KAFKA_STARTING_OFFSETS, "timestamp:1767225600000");
        assertThat(KafkaSettings.from(config).startingOffsets()).isEqualTo("timestamp:1767225600000");

        config.set(ReelRankOptions.KAFKA_STARTING_OFFSETS, "yesterday");
        assertThatThrownBy(() -> KafkaSettings.from(config))
                .hasMessageContaining("committed, earliest, latest or timestamp:<epoch millis>");
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.KAFKA_BOOTSTRAP_SERVERS, "localhost:9092");
        return config;
    }
}
