package io.reelrank.tools.replay;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.cli.UsageException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads engagements, videos and rank requests from files into ReelRank's topics: keys set
 * (user_id, video_id), all files merged into event-time order (videos by published_ts), at a
 * steady rate, with a progress bar on stderr and a summary at the end. Lines that are not
 * contract records are sent as they are, for the job to dead-letter; none is dropped.
 */
public final class ReplayMain {
    private static final String FILE = "FILE is *.jsonl (one JSON object a line) or *.csv (header row; list cells "
            + "separated by '|').";

    static final Command COMMAND = Command.named("ReplayMain",
                    "Loads videos, engagements and rank requests from files into ReelRank's topics, keyed and merged "
                            + "into event-time order, at a steady rate. Give at least one file. " + FILE)
            .with(Option.text("bootstrap", "HOST:PORT", "Kafka bootstrap servers.").asRequired(),
                    Option.text(InputKind.VIDEOS.defaultTopic, "FILE", "Catalog records (ordered by published_ts)."),
                    Option.text(InputKind.ENGAGEMENTS.defaultTopic, "FILE", "Engagement records."),
                    Option.text(InputKind.RANK_REQUESTS.defaultTopic, "FILE", "Rank request records."),
                    Option.decimal("rate", "RECORDS_PER_SECOND", "Send rate; 0 = unlimited.").withDefault(1000),
                    topicOption(InputKind.VIDEOS),
                    topicOption(InputKind.ENGAGEMENTS),
                    topicOption(InputKind.RANK_REQUESTS));

    private ReplayMain() {}

    /** What one replay sent, per input kind. */
    record Summary(Map<InputKind, Long> sent, Map<InputKind, Long> unreadable, double seconds) {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, arguments -> System.out.print(render(run(arguments, System.err))));
    }

    private static Option topicOption(InputKind kind) {
        return Option.text("topic-" + kind.defaultTopic, "NAME", "Topic the " + kind.defaultTopic + " go to.")
                .withDefault(kind.defaultTopic);
    }

    static Summary run(Arguments arguments, PrintStream progressOut) throws Exception {
        Map<InputKind, String> topics = new EnumMap<>(InputKind.class);
        List<List<ReplayRecord>> files = new ArrayList<>();
        for (InputKind kind : InputKind.values()) { // videos first: on a tie the catalog goes ahead
            String option = kind.defaultTopic;
            topics.put(kind, arguments.text("topic-" + option));
            if (arguments.has(option)) {
                files.add(ReplayFiles.read(Path.of(arguments.text(option)), kind));
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("give at least one of --videos, --engagements, --rank-requests");
        }
        List<ReplayRecord> records = ReplayFiles.merge(files);
        Map<InputKind, Long> sent = new EnumMap<>(InputKind.class);
        Map<InputKind, Long> unreadable = new EnumMap<>(InputKind.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        Pacer pacer = new Pacer(arguments.decimal("rate"));
        ProgressBar progress = new ProgressBar(progressOut, records.size());
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer(arguments.text("bootstrap"))) {
            for (ReplayRecord record : records) {
                if (failure.get() != null) {
                    break;
                }
                pacer.acquire();
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topics.get(record.kind()), key, record.value()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
                sent.merge(record.kind(), 1L, Long::sum);
                unreadable.merge(record.kind(), record.readable() ? 0L : 1L, Long::sum);
                progress.update(acknowledged.get());
            }
            producer.flush();
            progress.update(acknowledged.get());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka refused a record after " + acknowledged.get() + " were written", failure.get());
        }
        return new Summary(sent, unreadable, (System.nanoTime() - started) / 1e9);
    }

    static String render(Summary summary) {
        StringBuilder out = new StringBuilder("---- replay summary ----\n");
        long total = 0;
        long unreadable = 0;
        for (var entry : summary.sent().entrySet()) {
            long bad = summary.unreadable().getOrDefault(entry.getKey(), 0L);
            out.append(String.format(Locale.ROOT, "%-14s %,d records (%,d not contract records)%n",
                    entry.getKey().defaultTopic, entry.getValue(), bad));
            total += entry.getValue();
            unreadable += bad;
        }
        out.append(String.format(Locale.ROOT, "sent           %,d records in %.1f s%n", total, summary.seconds()));
        if (unreadable > 0) {
            out.append(String.format(Locale.ROOT, "note           %,d lines could not be read as contract records;"
                    + " they were sent as they are, unkeyed, and ReelRank will dead-letter them%n", unreadable));
        }
        return out.toString();
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        // One request in flight per connection: with more, a first batch to a partition created
        // a moment before can fail as retriable while the next is appended, and then fail every
        // retry as out of sequence until its delivery timeout (KAFKA-15591). Paced replay does
        // not need the pipelining.
        properties.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
