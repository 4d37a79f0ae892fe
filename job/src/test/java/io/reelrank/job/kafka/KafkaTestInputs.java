package io.reelrank.job.kafka;

import io.reelrank.generator.BadRecordInjector;
import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.tools.kafka.LocalKafkaBroker;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a generated world to the input topics, bad records included, and remembers what the
 * job must answer: the id of every good request, and the topic/partition/offset of every bad
 * record (where its dead letter must point).
 */
final class KafkaTestInputs {

    record Written(Set<String> requestIds, List<String> badRecordOrigins, long records) {}

    /** Rank requests and videos that break the contracts, besides the injected bad engagements. */
    private static final List<String> BAD_REQUESTS = List.of(
            "not json at all", "{\"request_id\":\"r-bad\",\"candidates\":[\"v1\"],\"ts\":1}");
    private static final List<String> BAD_VIDEOS = List.of("{\"video_id\":\"v-bad\",\"duration_ms\":-5}");

    private KafkaTestInputs() {}

    static Written write(LocalKafkaBroker broker, SyntheticWorld world, long engagements, long requests,
                         int badEngagementEvery) throws Exception {
        List<Future<RecordMetadata>> bad = new ArrayList<>();
        Set<String> requestIds = new HashSet<>();
        long records = 0;
        // Every send reports here: a record that never reached the broker must fail the test
        // that wrote it, not show up later as a missing recommendation.
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback failed = (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            for (Video video : world.catalog()) {
                producer.send(record(Topics.VIDEOS, video.videoId(), Json.toBytes(video)), failed);
                records++;
            }
            for (String video : BAD_VIDEOS) {
                bad.add(producer.send(record(Topics.VIDEOS, "v-bad", utf8(video)), failed));
            }
            // A tombstone: nothing in ReelRank's contract, so it must be dead-lettered, not dropped.
            bad.add(producer.send(record(Topics.VIDEOS, "v-gone", null), failed));
            records += BAD_VIDEOS.size() + 1;

            EngagementGenerator good = new EngagementGenerator(world);
            BadRecordInjector injector = new BadRecordInjector(good, badEngagementEvery);
            for (long i = 0; i < engagements; i++) {
                var sent = producer.send(
                        record(Topics.ENGAGEMENTS, good.engagement(i).userId(), injector.map(i).value()), failed);
                if (injector.defectAt(i) != null) {
                    bad.add(sent);
                }
                records++;
            }
            RankRequestGenerator generator = new RankRequestGenerator(world, 30);
            for (long i = 0; i < requests; i++) {
                RankRequest request = generator.request(i);
                producer.send(record(Topics.RANK_REQUESTS, request.userId(), Json.toBytes(request)), failed);
                requestIds.add(request.requestId());
                records++;
            }
            for (String request : BAD_REQUESTS) {
                bad.add(producer.send(record(Topics.RANK_REQUESTS, "u-bad", utf8(request)), failed));
                records++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a test record was not written to Kafka", failure.get());
        }
        List<String> origins = new ArrayList<>();
        for (Future<RecordMetadata> sent : bad) {
            RecordMetadata metadata = sent.get();
            origins.add(origin(metadata.topic(), metadata.partition(), metadata.offset()));
        }
        return new Written(requestIds, origins, records);
    }

    static String origin(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalKafkaBroker broker) {
        return new KafkaProducer<>(broker.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        return new ProducerRecord<>(topic, utf8(key), value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
