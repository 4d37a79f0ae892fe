package io.reelrank.tools.kafka;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.cli.UsageException;
import io.reelrank.udf.contract.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates ReelRank's topics on a Kafka cluster the project did not start, and prints each topic
 * as the job will find it. Topics that exist are left as they are, so it can run again at any
 * time; it fails (exit 1) when the videos topic exists but is not compacted, because the job
 * would then lose catalog entries to retention.
 */
public final class CreateTopicsMain {
    static final Command COMMAND = Command.named("CreateTopicsMain",
                    "Creates ReelRank's topics (those that are missing) and prints each topic's partitions, replication "
                            + "and cleanup policy.")
            .with(Option.text("bootstrap", "HOST:PORT", "Kafka bootstrap servers.").asRequired(),
                    Option.integer("partitions", "N", "Partitions of engagements, videos, rank-requests and "
                            + "recommendations; at least the job's parallelism, so that every source instance reads "
                            + "one. dead-letters always gets 1.").withDefault(2),
                    Option.integer("replication-factor", "N", "Replicas of each partition; without it, the "
                            + "broker's default.replication.factor."),
                    Option.text("command-config", "FILE", "A properties file of Kafka client settings, e.g. "
                            + "security.protocol and sasl.jaas.config for a secured cluster."));

    /** One topic as the cluster has it after the command. */
    public record TopicState(String name, int partitions, int replicationFactor, String cleanupPolicy, boolean created) {
        public String line() {
            return String.format("%-16s partitions=%-3d replication=%-2d cleanup.policy=%-8s %s", name, partitions,
                    replicationFactor, cleanupPolicy, created ? "created" : "existed");
        }
    }

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(200);

    private CreateTopicsMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, CreateTopicsMain::create);
    }

    private static void create(Arguments arguments) throws IOException {
        Properties client = clientProperties(arguments.optional("command-config"));
        client.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, arguments.text("bootstrap"));
        Optional<Short> replication = arguments.optional("replication-factor").map(Short::parseShort);
        List<TopicState> topics;
        try {
            topics = ensure(client, ReelRankTopics.all(arguments.integer("partitions"), replication));
        } catch (KafkaException e) {
            System.err.println(COMMAND.name() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        topics.forEach(topic -> System.out.println(topic.line()));
        for (TopicState topic : topics) {
            if (topic.name().equals(Topics.VIDEOS) && !topic.cleanupPolicy().contains(ReelRankTopics.COMPACT)) {
                System.err.println(COMMAND.name() + ": topic " + topic.name() + " exists with cleanup.policy="
                        + topic.cleanupPolicy() + "; the catalog needs compact (kafka-configs.sh --bootstrap-server "
                        + arguments.text("bootstrap") + " --alter --entity-type topics --entity-name " + topic.name()
                        + " --add-config cleanup.policy=compact)");
                System.exit(1);
            }
        }
    }

    /** Creates the topics that are missing and describes all of them. */
    public static List<TopicState> ensure(Properties client, List<NewTopic> topics) {
        try (Admin admin = Admin.create(client)) {
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TimeoutException) {
                        throw new KafkaException("no answer from Kafka at "
                                + client.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            List<String> names = topics.stream().map(NewTopic::name).toList();
            List<TopicState> states = new ArrayList<>();
            for (String name : names) {
                states.add(describe(admin, name, created.contains(name)));
            }
            return states;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted", e);
        }
    }

    /**
     * A topic's partitions, replication and cleanup policy. A topic created a moment ago may not
     * have reached every broker's metadata yet, so an unknown topic is asked for again.
     */
    private static TopicState describe(Admin admin, String name, boolean created) throws InterruptedException {
        long deadline = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                return new TopicState(name, description.partitions().size(),
                        description.partitions().get(0).replicas().size(),
                        config.get(ReelRankTopics.CLEANUP_POLICY).value(), created);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new KafkaException("cannot describe topic " + name + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                Thread.sleep(METADATA_RETRY.toMillis());
            }
        }
    }

    private static Properties clientProperties(Optional<String> file) throws IOException {
        Properties properties = new Properties();
        if (file.isPresent()) {
            if (!Files.isRegularFile(Path.of(file.get()))) {
                throw new UsageException("--command-config " + file.get() + " is not a file");
            }
            try (Reader reader = Files.newBufferedReader(Path.of(file.get()))) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
