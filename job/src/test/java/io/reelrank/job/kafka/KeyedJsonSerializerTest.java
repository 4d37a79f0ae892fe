package io.reelrank.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Trigger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KeyedJsonSerializerTest {

    private static final long OLD_EVENT_TIME = 1_767_225_601_000L;

    @Test
    void recommendationsAreKeyedByUserAndWrittenAsContractJson() {
        Recommendation recommendation = new Recommendation("r-9", "u42", Trigger.REQUEST, "ranker/3",
                OLD_EVENT_TIME, OLD_EVENT_TIME + 12, List.of(new RecommendedItem("v8", 0.91f, 1)));

        ProducerRecord<byte[], byte[]> record = new KeyedJsonSerializer<>("recommendations", Recommendation::userId)
                .serialize(recommendation, null, OLD_EVENT_TIME);

        assertThat(record.topic()).isEqualTo("recommendations");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("u42");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(Json.toJson(recommendation))
                .contains("\"request_id\":\"r-9\"", "\"trigger\":\"request\"");
        // Event time as the Kafka timestamp would let time retention delete a replay's output at once.
        assertThat(record.timestamp()).isNull();
    }

    @Test
    void deadLettersAreKeyedByTheirInputTopic() {
        DeadLetter deadLetter = new DeadLetter("engagements", 1, 207, "bad", "{", DeadLetter.UTF8, OLD_EVENT_TIME);

        ProducerRecord<byte[], byte[]> record = new KeyedJsonSerializer<>("dead-letters", DeadLetter::source)
                .serialize(deadLetter, null, OLD_EVENT_TIME);

        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("engagements");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"offset\":207", "\"source\":\"engagements\"");
    }
}
