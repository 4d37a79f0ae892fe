package io.reelrank.tools.kafka;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.CtrlC;
import io.reelrank.cli.Option;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Prints a topic from its beginning as {@code key<TAB>value} lines, the way a downstream
 * service reads ReelRank's output: by default with read_committed, so records of aborted or
 * still open transactions never show. Follows the topic until Ctrl-C, or stops after {@code
 * --max} records. Stdout carries nothing but those lines, so the output can be piped.
 */
public final class ReadTopicMain {
    static final Command COMMAND = Command.named("ReadTopicMain",
                    "Prints a topic from its beginning as key<TAB>value lines, following it until Ctrl-C.")
            .with(Option.text("bootstrap", "HOST:PORT", "Kafka bootstrap servers.").asRequired(),
                    Option.text("topic", "NAME", "The topic to print.").asRequired(),
                    Option.text("isolation", "LEVEL", "read_committed hides records of aborted or open transactions.")
                            .withChoices("read_committed", "read_uncommitted").withDefault("read_committed"),
                    Option.longInteger("max", "N", "Stop after this many records; without it, follow the topic until Ctrl-C."));

    private ReadTopicMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, ReadTopicMain::print);
    }

    private static void print(Arguments arguments) throws Exception {
        Properties client = new Properties();
        client.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, arguments.text("bootstrap"));
        long max = arguments.optional("max").map(Long::parseLong).orElse(Long.MAX_VALUE);
        boolean stopped;
        try (TopicConsumer topic = new TopicConsumer(client, arguments.text("topic"), arguments.text("isolation"))) {
            stopped = CtrlC.runUntilStopped(() -> topic.follow(max, ReadTopicMain::print), topic::stop);
        }
        System.out.flush();
        if (stopped) {
            CtrlC.exitStopped(System.err);
        }
    }

    private static void print(ConsumerRecord<byte[], byte[]> record) {
        System.out.println(text(record.key()) + "\t" + text(record.value()));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
