package io.reelrank.tools.kafka;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.CtrlC;
import io.reelrank.cli.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts a local single-node Kafka for trying ReelRank out, creates ReelRank's topics, prints
 * the bootstrap servers (the one line on stdout) and runs until Ctrl-C, which stops the broker,
 * deletes a temporary data directory and ends with "stopped". The same broker code the tests use.
 */
public final class LocalKafkaMain {
    static final Command COMMAND = Command.named("LocalKafkaMain",
                    "Starts a local single-node Kafka (KRaft) with ReelRank's topics, prints the bootstrap servers "
                            + "and runs until Ctrl-C.")
            .with(Option.integer("port", "PORT", "The broker's port; 0 picks a free one.").withDefault(9092),
                    Option.integer("partitions", "N", "Partitions of each ReelRank topic.").withDefault(2),
                    Option.text("data-dir", "DIR", "Where the broker keeps its data, so that a restart (on the same "
                            + "port) finds its topics and data again; without it, a fresh temporary directory that is "
                            + "deleted when the broker stops."));

    private LocalKafkaMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, LocalKafkaMain::serve);
    }

    private static void serve(Arguments arguments) throws Exception {
        int port = arguments.integer("port");
        int partitions = arguments.integer("partitions");
        boolean temporary = !arguments.has("data-dir");
        Path dataDir = temporary ? Files.createTempDirectory("reelrank-kafka-") : Path.of(arguments.text("data-dir"));
        System.err.println("starting Kafka (KRaft, one node) with its data in " + dataDir + " ...");
        LocalKafkaBroker broker = LocalKafkaBroker.start(dataDir, port);
        Runnable stop = once(() -> {
            broker.close();
            if (temporary) {
                deleteRecursively(dataDir);
            }
        });
        // For a kill or a second Ctrl-C; the first Ctrl-C stops the broker below.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "stop-kafka"));
        broker.createTopics(ReelRankTopics.all(partitions));
        System.err.println("topics: " + ReelRankTopics.all(partitions).stream()
                .map(t -> t.name() + "(" + t.numPartitions() + ")").toList());
        System.err.println("broker log: " + broker.logFile());
        System.err.println("Kafka is up; Ctrl-C stops it. Bootstrap servers:");
        System.out.println(broker.bootstrapServers());
        System.out.flush();
        CountDownLatch ctrlC = new CountDownLatch(1);
        CtrlC.runUntilStopped(ctrlC::await, ctrlC::countDown);
        stop.run();
        CtrlC.exitStopped(System.err);
    }

    /** Stopping the broker, once, whichever of Ctrl-C or the shutdown hook comes first. */
    private static Runnable once(Stop stop) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                try {
                    stop.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    System.err.println("could not delete the broker's data: " + e);
                }
            }
        };
    }

    private interface Stop {
        void run() throws IOException, InterruptedException;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
