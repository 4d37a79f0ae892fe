package io.reelrank.tools.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * server.properties of a one-node KRaft cluster (broker and controller in one process) on
 * loopback. Every internal topic gets replication factor 1 and min ISR 1, else the group and
 * transaction coordinators never become available on a single node.
 */
record SingleNodeConfig(int brokerPort, int controllerPort, Path logDir, Duration transactionMaxTimeout) {

    /** Kafka's own default; {@code reelrank.kafka.transaction-timeout} must not exceed it. */
    static final Duration DEFAULT_TRANSACTION_MAX_TIMEOUT = Duration.ofMinutes(15);

    Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("transaction.max.timeout.ms", Long.toString(transactionMaxTimeout.toMillis()));
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Time retention counts from record timestamps; replays of old data must not vanish.
        p.setProperty("log.retention.ms", "-1");
        // Topics are created on purpose (LocalKafkaBroker#createTopics), so a mistyped name fails loudly.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }
}
