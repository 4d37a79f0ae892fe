package io.reelrank.job.cluster;

import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.tools.kafka.LocalKafkaBroker;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What upstream services would write to ReelRank's input topics, keyed as the contracts say:
 * a generated world (catalog, engagements, rank requests) and single requests sent later.
 */
final class ClusterTraffic implements AutoCloseable {

    /** What was written: the requests the job must answer, and facts a probe request needs. */
    record Written(Set<String> requestIds, String userWithHistory, long lastEngagementTs) {}

    private final KafkaProducer<byte[], byte[]> producer;

    ClusterTraffic(LocalKafkaBroker broker) {
        producer = new KafkaProducer<>(broker.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Writes the catalog, {@code engagements} engagements and {@code requests} requests, and waits
     * until the broker has acknowledged every record: one it could not take fails here, with the
     * producer's reason, instead of leaving the job to rank over a partial world.
     */
    Written writeWorld(SyntheticWorld world, long engagements, long requests) throws IOException, InterruptedException {
        List<Future<?>> sent = new ArrayList<>();
        for (Video video : world.catalog()) {
            sent.add(send(Topics.VIDEOS, video.videoId(), video));
        }
        EngagementGenerator engagementGenerator = new EngagementGenerator(world);
        long lastTs = Long.MIN_VALUE;
        for (long i = 0; i < engagements; i++) {
            Engagement engagement = engagementGenerator.engagement(i);
            sent.add(send(Topics.ENGAGEMENTS, engagement.userId(), engagement));
            lastTs = Math.max(lastTs, engagement.ts());
        }
        RankRequestGenerator requestGenerator = new RankRequestGenerator(world, 30);
        Set<String> requestIds = new LinkedHashSet<>();
        for (long i = 0; i < requests; i++) {
            RankRequest request = requestGenerator.request(i);
            sent.add(send(Topics.RANK_REQUESTS, request.userId(), request));
            requestIds.add(request.requestId());
        }
        producer.flush();
        awaitAcknowledged(sent);
        return new Written(requestIds, engagementGenerator.engagement(0).userId(), lastTs);
    }

    private static void awaitAcknowledged(List<Future<?>> sent) throws InterruptedException {
        int failed = 0;
        Throwable first = null;
        for (Future<?> record : sent) {
            try {
                record.get();
            } catch (ExecutionException e) {
                failed++;
                first = first == null ? e.getCause() : first;
            }
        }
        if (failed > 0) {
            throw new IllegalStateException("the broker did not acknowledge " + failed + " of the world's "
                    + sent.size() + " records", first);
        }
    }

    /** Sends one request and waits until the broker has it. */
    void send(RankRequest request) throws InterruptedException {
        try {
            send(Topics.RANK_REQUESTS, request.userId(), request).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write " + request.requestId(), e.getCause());
        }
    }

    private Future<?> send(String topic, String key, Object value) {
        return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), Json.toBytes(value)));
    }

    @Override
    public void close() {
        producer.close();
    }
}
