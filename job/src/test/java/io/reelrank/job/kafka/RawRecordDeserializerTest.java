package io.reelrank.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.ingest.ParseFunction;
import io.reelrank.udf.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RawRecordDeserializerTest {

    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();

    @Test
    void keepsTheBytesAndWhereTheyCameFrom() throws Exception {
        byte[] value = "{\"user_id\":\"u1\"}".getBytes(StandardCharsets.UTF_8);

        RawRecord raw = deserialize(record("prod.engagements", 3, 1234L, 1767225600123L, value));

        assertThat(raw.source()).isEqualTo("prod.engagements");
        assertThat(raw.partition()).isEqualTo(3);
        assertThat(raw.offset()).isEqualTo(1234L);
        assertThat(raw.timestamp()).isEqualTo(1767225600123L);
        assertThat(raw.value()).isEqualTo(value);
    }

    @Test
    void aTombstoneBecomesADeadLetterThatPointsAtIt() throws Exception {
        RawRecord raw = deserialize(record("videos", 0, 77L, 1767225600000L, null));
        assertThat(raw.value()).isEmpty();

        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(ParseFunction.videos()))) {
            harness.open();
            harness.processElement(raw, 0);
            assertThat(harness.extractOutputValues()).isEmpty();
            List<DeadLetter> deadLetters = harness.getSideOutput(io.reelrank.udf.ingest.DeadLetters.TAG).stream()
                    .map(r -> r.getValue()).toList();
            assertThat(deadLetters).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo("videos");
                assertThat(d.partition()).isZero();
                assertThat(d.offset()).isEqualTo(77L);
            });
        }
    }

    @Test
    void producesRawRecordsAsAPojoWithoutKryo() {
        assertThat(deserializer.getProducedType()).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<RawRecord> serializer = deserializer.getProducedType().createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isNotNull();
    }

    private RawRecord deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception {
        List<RawRecord> out = new ArrayList<>();
        deserializer.deserialize(record, new Collector<>() {
            @Override
            public void collect(RawRecord r) {
                out.add(r);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, long ts, byte[] value) {
        return new ConsumerRecord<>(topic, partition, offset, ts, TimestampType.CREATE_TIME, 2, value == null ? -1 : value.length,
                "k".getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
    }
}
