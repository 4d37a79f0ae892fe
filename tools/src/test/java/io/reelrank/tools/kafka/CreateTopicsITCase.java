package io.reelrank.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.UsageException;
import io.reelrank.tools.kafka.CreateTopicsMain.TopicState;
import io.reelrank.udf.contract.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics command against a real broker: it creates what is missing with the documented
 * partitions and policies, leaves existing topics as they are, and shows a videos topic that is
 * not compacted.
 */
class CreateTopicsITCase {

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = LocalKafkaBroker.start(dataDir.resolve("kafka"));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void createsTheMissingTopicsThenLeavesThemAsTheyAre() {
        List<TopicState> first = CreateTopicsMain.ensure(broker.clientProperties(),
                ReelRankTopics.all(3, Optional.empty()));

        assertThat(first).extracting(TopicState::name).containsExactly(Topics.ENGAGEMENTS, Topics.VIDEOS,
                Topics.RANK_REQUESTS, Topics.RECOMMENDATIONS, Topics.DEAD_LETTERS);
        assertThat(first).allSatisfy(topic -> assertThat(topic.created()).as(topic.name()).isTrue());
        assertThat(first).allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo(1));
        assertThat(first).filteredOn(topic -> !topic.name().equals(Topics.DEAD_LETTERS))
                .allSatisfy(topic -> assertThat(topic.partitions()).as(topic.name()).isEqualTo(3));
        assertThat(first).filteredOn(topic -> topic.name().equals(Topics.DEAD_LETTERS))
                .singleElement().satisfies(topic -> assertThat(topic.partitions()).isEqualTo(1));
        assertThat(first).filteredOn(topic -> topic.name().equals(Topics.VIDEOS))
                .singleElement().satisfies(topic -> assertThat(topic.cleanupPolicy()).isEqualTo("compact"));
        assertThat(first).filteredOn(topic -> !topic.name().equals(Topics.VIDEOS))
                .allSatisfy(topic -> assertThat(topic.cleanupPolicy()).as(topic.name()).isEqualTo("delete"));

        List<TopicState> again = CreateTopicsMain.ensure(broker.clientProperties(),
                ReelRankTopics.all(5, Optional.empty()));

        assertThat(again).allSatisfy(topic -> assertThat(topic.created()).as(topic.name()).isFalse());
        assertThat(again).extracting(TopicState::partitions).containsExactly(3, 3, 3, 3, 1);
        assertThat(again.get(1).line()).isEqualTo("videos           partitions=3   replication=1  "
                + "cleanup.policy=compact  existed");
    }

    @Test
    void showsAnExistingTopicsPolicyAsItIs() {
        broker.createTopics(1, "catalog-not-compacted");

        List<TopicState> topics = CreateTopicsMain.ensure(broker.clientProperties(),
                List.of(new NewTopic("catalog-not-compacted", Optional.of(2), Optional.empty())));

        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic.created()).isFalse();
            assertThat(topic.partitions()).isEqualTo(1);
            assertThat(topic.cleanupPolicy()).isEqualTo("delete");
        });
    }

    @Test
    void takesTheDocumentedOptions() {
        Arguments defaults = CreateTopicsMain.COMMAND.parse("--bootstrap", "localhost:9092");
        assertThat(defaults.integer("partitions")).isEqualTo(2);
        assertThat(defaults.optional("replication-factor")).isEmpty();

        Arguments given = CreateTopicsMain.COMMAND.parse("--bootstrap", "kafka:9092", "--partitions", "8",
                "--replication-factor", "3", "--command-config", "client.properties");
        assertThat(given.integer("partitions")).isEqualTo(8);
        assertThat(given.text("replication-factor")).isEqualTo("3");
        assertThatThrownBy(() -> CreateTopicsMain.COMMAND.parse("--partitions", "2"))
                .isInstanceOf(UsageException.class).hasMessage("--bootstrap HOST:PORT is required");
    }
}
