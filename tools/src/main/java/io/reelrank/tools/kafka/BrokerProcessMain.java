package io.reelrank.tools.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * The child JVM's entry point: a Kafka broker that stops when its parent does. The parent
 * holds this process's standard input open; when the parent exits (even killed), the pipe
 * closes, the watcher sees end of input and exits, and Kafka's shutdown hook stops the
 * broker cleanly. Without it a test JVM killed mid-run would leave an orphaned broker behind.
 */
public final class BrokerProcessMain {
    private BrokerProcessMain() {}

    public static void main(String[] args) {
        Thread watcher = new Thread(BrokerProcessMain::exitWhenParentGoes, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        try {
            while (in.read() >= 0) {
                // The parent never writes; anything it does write is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone, the same as end of input.
        }
        System.exit(0);
    }
}
