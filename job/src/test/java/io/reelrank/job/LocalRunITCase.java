package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelrank.tools.LauncherProcess;
import io.reelrank.tools.kafka.LocalKafkaBroker;
import io.reelrank.tools.kafka.ReelRankTopics;
import io.reelrank.udf.contract.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job run locally against Kafka as the README runs it ({@code scripts/reelrank job --local}):
 * it says what it runs, its web UI answers at the address it prints, its progress line counts
 * what the sources read, and Ctrl-C stops it with status 0 and the one line "stopped".
 */
class LocalRunITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int MALFORMED_ENGAGEMENTS = 3;

    @TempDir
    static Path dataDir;

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalKafkaBroker.start(dataDir.resolve("kafka"));
        broker.createTopics(ReelRankTopics.all(2));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < MALFORMED_ENGAGEMENTS; i++) {
                producer.send(new ProducerRecord<>(Topics.ENGAGEMENTS, "not json".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void saysWhatItRunsShowsProgressAndStopsOnCtrlC() throws Exception {
        assumeTrue(LauncherProcess.ctrlCReachesChildren(), "this JVM was started with Ctrl-C ignored");
        try (LauncherProcess job = LauncherProcess.start("job", "--local",
                "--reelrank.kafka.bootstrap-servers", broker.bootstrapServers(),
                "--reelrank.kafka.starting-offsets", "earliest",
                "--reelrank.local.progress-interval", "1 s")) {
            job.awaitStderr(line -> line.startsWith("ReelRank "), TIMEOUT);
            assertThat(job.awaitStderr(line -> line.startsWith("  inputs"), TIMEOUT))
                    .contains("Kafka " + broker.bootstrapServers() + ": engagements, videos, rank-requests");
            URI webUi = URI.create(job.awaitStderr(line -> line.startsWith("  web UI"), TIMEOUT)
                    .substring("  web UI".length()).trim());

            String progress = job.awaitStderr(line -> line.startsWith("progress")
                    && line.contains("dead letters " + MALFORMED_ENGAGEMENTS), TIMEOUT);
            assertThat(progress).matches("progress \\d+s running \\| in: engagements 3, rank-requests 0, videos 0 "
                    + "\\| recommendations 0 \\| dead letters 3 \\| restarts 0");
            assertThat(get(webUi.resolve("/jobs/overview"))).contains("\"name\":\"reelrank\"", "\"state\":\"RUNNING\"");
            job.pressCtrlC();

            assertThat(job.awaitExit(TIMEOUT)).as("exit status; stderr:\n" + job.stderr()).isZero();
            List<String> stderr = job.stderrLines();
            assertThat(stderr.get(stderr.size() - 1)).isEqualTo("stopped");
            assertThat(stderr).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
            assertThat(job.stdoutBytes()).as("stdout is for data; a Kafka run writes its data to Kafka").isEmpty();
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        return response.body();
    }
}
