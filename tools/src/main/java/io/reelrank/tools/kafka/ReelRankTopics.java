package io.reelrank.tools.kafka;

import io.reelrank.udf.contract.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * ReelRank's five topics as the job expects them. The videos topic is compacted: the latest
 * record per video id is the catalog, and a cold start reads it from the beginning. Dead letters
 * are few, so one partition keeps them in the order they were found.
 */
public final class ReelRankTopics {
    /** Kafka's topic setting that keeps the latest record per key. */
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPACT = "compact";

    private ReelRankTopics() {}

    /** The topics for a single-node broker (replication factor 1). */
    public static List<NewTopic> all(int partitions) {
        return all(partitions, Optional.of((short) 1));
    }

    /** The topics for any cluster; an empty replication factor takes the broker's default. */
    public static List<NewTopic> all(int partitions, Optional<Short> replicationFactor) {
        return List.of(
                topic(Topics.ENGAGEMENTS, partitions, replicationFactor),
                topic(Topics.VIDEOS, partitions, replicationFactor).configs(Map.of(CLEANUP_POLICY, COMPACT)),
                topic(Topics.RANK_REQUESTS, partitions, replicationFactor),
                topic(Topics.RECOMMENDATIONS, partitions, replicationFactor),
                topic(Topics.DEAD_LETTERS, 1, replicationFactor));
    }

    private static NewTopic topic(String name, int partitions, Optional<Short> replicationFactor) {
        return new NewTopic(name, Optional.of(partitions), replicationFactor);
    }
}
