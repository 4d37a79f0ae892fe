package io.reelrank.job.cluster;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Recommendation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The recommendations topic as a downstream service reads it: read_committed, so only what
 * the job's checkpoints committed, from the beginning, collected by request id.
 */
final class RecommendationsReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<Recommendation>> byRequest = new HashMap<>();

    RecommendationsReader(Properties client, String topic) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until every one of {@code requestIds} is answered; returns the first answer of each. */
    Map<String, Recommendation> awaitAnswers(Collection<String> requestIds, Duration timeout)
            throws IOException, InterruptedException {
        return Poll.until(timeout, "answers to " + requestIds.size() + " requests", () -> {
            pollOnce();
            if (!byRequest.keySet().containsAll(requestIds)) {
                return null;
            }
            Map<String, Recommendation> answers = new HashMap<>();
            requestIds.forEach(id -> answers.put(id, byRequest.get(id).get(0)));
            return answers;
        });
    }

    Recommendation awaitAnswer(String requestId, Duration timeout) throws IOException, InterruptedException {
        return awaitAnswers(List.of(requestId), timeout).get(requestId);
    }

    /** How often each request was answered (read so far): exactly-once output means all 1s. */
    Map<String, Integer> answerCounts() {
        Map<String, Integer> counts = new HashMap<>();
        byRequest.forEach((id, answers) -> counts.put(id, answers.size()));
        return counts;
    }

    private void pollOnce() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            Recommendation answer = Json.fromJson(new String(record.value(), StandardCharsets.UTF_8),
                    Recommendation.class);
            byRequest.computeIfAbsent(answer.requestId(), id -> new ArrayList<>()).add(answer);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
