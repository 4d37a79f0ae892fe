package io.reelrank.tools.kafka;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Prints a topic from its beginning as {@code key<TAB>value} lines, the way a downstream
 * service reads ReelRank's output: by default with read_committed, so records of aborted or
 * still open transactions never show. Follows the topic until Ctrl-C, or stops after {@code
 * --max} records.
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

    private static void print(Arguments arguments) {
        Properties client = new Properties();
        client.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, arguments.text("bootstrap"));
        try (TopicConsumer topic = new TopicConsumer(client, arguments.text("topic"), arguments.text("isolation"))) {
            topic.follow(arguments.optional("max").map(Long::parseLong).orElse(Long.MAX_VALUE),
                    record -> System.out.println(text(record.key()) + "\t" + text(record.value())));
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
