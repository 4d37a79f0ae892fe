package io.reelrank.tools.kafka;

import io.reelrank.tools.CommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Starts a local single-node Kafka for trying ReelRank out, creates ReelRank's topics, prints
 * the bootstrap servers and runs until Ctrl-C. The same broker code the tests use.
 *
 * <p>{@code [--port 9092] [--partitions 2] [--data-dir DIR]}: port 0 picks a free one; without a
 * data dir the broker keeps its data in a fresh temporary directory, deleted when it stops; with
 * one, a restart finds its topics and data again (on the same port).
 */
public final class LocalKafkaMain {
    private LocalKafkaMain() {}

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args);
        int port = line.intValue("port", 9092);
        int partitions = line.intValue("partitions", 2);
        boolean temporary = !line.has("data-dir");
        Path dataDir = temporary ? Files.createTempDirectory("reelrank-kafka-") : Path.of(line.value("data-dir"));
        System.err.println("starting Kafka (KRaft, one node) with its data in " + dataDir + " ...");
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("stopping Kafka ...");
            try {
                broker.close();
                if (temporary) {
                    deleteRecursively(dataDir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                System.err.println("could not delete " + dataDir + ": " + e);
            }
            stopped.countDown();
        }, "stop-kafka"));
        broker.createTopics(ReelRankTopics.all(partitions));
        System.err.println("topics: " + ReelRankTopics.all(partitions).stream()
                .map(t -> t.name() + "(" + t.numPartitions() + ")").toList());
        System.err.println("broker log: " + broker.logFile());
        System.err.println("Kafka is up; Ctrl-C stops it. Bootstrap servers:");
        System.out.println(broker.bootstrapServers());
        stopped.await();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
