package io.reelrank.tools.kafka;

import io.reelrank.tools.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka (KRaft, the version of the connector's kafka-clients) in a child
 * JVM on loopback ports: formatted with {@code kafka.tools.StorageTool}, run by {@code
 * kafka.Kafka}. A child process keeps the broker's classpath and threads apart from the
 * caller's (a Flink MiniCluster in the tests). {@link #close()} stops it; so does the death of
 * the JVM that started it. The tests and {@link LocalKafkaMain} share this class.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Generous, so a local experiment may raise reelrank.kafka.transaction-timeout up to it. */
    private static final Duration TRANSACTION_MAX_TIMEOUT = Duration.ofHours(1);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;

    private LocalKafkaBroker(Process process, String bootstrapServers, Path logFile) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
    }

    /** Starts a broker on an ephemeral loopback port, keeping its data under {@code dataDir}. */
    public static LocalKafkaBroker start(Path dataDir) throws IOException {
        return start(dataDir, 0);
    }

    /** Starts a broker on {@code port} (0: ephemeral, retried on a port race). */
    public static LocalKafkaBroker start(Path dataDir, int port) throws IOException {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int brokerPort = port == 0 ? FreePorts.next() : port;
            SingleNodeConfig config = new SingleNodeConfig(brokerPort, FreePorts.next(),
                    dataDir.resolve("node-" + attempt).resolve("logs"), TRANSACTION_MAX_TIMEOUT);
            try {
                return startOnce(dataDir.resolve("node-" + attempt), config);
            } catch (IllegalStateException e) {
                failure = failure == null ? e : failure;
                if (port != 0) {
                    break;
                }
            }
        }
        throw failure;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's own log, for when something goes wrong. */
    public Path logFile() {
        return logFile;
    }

    /** Client properties that reach this broker; add your own on top. */
    public Properties clientProperties() {
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /**
     * Properties for a producer that writes test data to this broker, often to topics created a
     * moment before: idempotent, acks=all, and one request in flight per connection. With more
     * in flight, a first request that reaches a new partition before the broker has created it
     * fails as retriable while the next one is appended; the first then fails its retries as
     * out of order until the delivery timeout drops its records (KAFKA-15591; seen here as a
     * test world missing 251 of its 2,300 records after 120 s).
     */
    public Properties producerProperties() {
        Properties properties = clientProperties();
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return properties;
    }

    /** Creates the topics; ones that exist already are left as they are. */
    public void createTopics(Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(clientProperties())) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("topics not created within 60 s: " + topics, e);
        }
    }

    public void createTopics(int partitions, String... names) {
        createTopics(Arrays.stream(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static LocalKafkaBroker startOnce(Path dir, SingleNodeConfig config) throws IOException {
        Files.createDirectories(dir);
        Path serverProperties = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(serverProperties)) {
            config.properties().store(out, "single-node KRaft broker of ReelRank's LocalKafkaBroker");
        }
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(log4j, """
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = out
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                """, StandardCharsets.UTF_8);
        Path logFile = dir.resolve("broker.log");
        // A data dir from an earlier run is formatted already; its topics are kept.
        if (!Files.exists(config.logDir().resolve("meta.properties"))) {
            runToCompletion(java(log4j, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", serverProperties.toString()), dir.resolve("format.log"));
        }
        Process process = new ProcessBuilder(java(log4j, BrokerProcessMain.class.getName(), serverProperties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        LocalKafkaBroker broker = new LocalKafkaBroker(process, "127.0.0.1:" + config.brokerPort(), logFile);
        try {
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Properties properties = clientProperties();
        properties.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        properties.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + "; see " + logFile);
            }
            try (Admin admin = Admin.create(properties)) {
                if (!admin.describeCluster().nodes().get().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                // Not listening yet: the admin client's own timeout paces the next try.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the broker started", e);
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + STARTUP_TIMEOUT + "; see " + logFile);
    }

    private static List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void runToCompletion(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("formatting the broker's storage timed out; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while formatting the broker's storage", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed (exit " + process.exitValue()
                    + "); see " + log);
        }
    }
}
