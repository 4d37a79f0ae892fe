package io.reelrank.tools.kafka;

import io.reelrank.udf.contract.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * ReelRank's five topics as a local broker should have them. The videos topic is compacted:
 * the latest record per video id is the catalog, and a cold start reads it from the beginning.
 */
public final class ReelRankTopics {
    private ReelRankTopics() {}

    public static List<NewTopic> all(int partitions) {
        return List.of(
                topic(Topics.ENGAGEMENTS, partitions),
                topic(Topics.VIDEOS, partitions).configs(Map.of("cleanup.policy", "compact")),
                topic(Topics.RANK_REQUESTS, partitions),
                topic(Topics.RECOMMENDATIONS, partitions),
                topic(Topics.DEAD_LETTERS, 1));
    }

    private static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) 1);
    }
}
