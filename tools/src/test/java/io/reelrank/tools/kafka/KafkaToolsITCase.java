package io.reelrank.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reelrank.tools.LauncherProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker and the reader as the README runs them, through scripts/reelrank: the reader's
 * stdout is nothing but key&lt;TAB&gt;value lines, and Ctrl-C stops the reader and the broker with
 * status 0 and the one line "stopped", no stack trace.
 */
class KafkaToolsITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String TOPIC = "read-tool";
    private static final List<String> RECORDS = List.of(
            "u1\t{\"request_id\":\"r-1\",\"items\":[]}",
            "u2\t{\"title\":\"caf\u00e9 \u2013 \u4e2d\u6587\"}",
            "\t{\"key\":\"none\"}");

    private static LauncherProcess broker;
    private static String bootstrap;

    @BeforeAll
    static void startBrokerAndWriteTopic() throws Exception {
        broker = LauncherProcess.start("broker", "--port", "0");
        bootstrap = broker.awaitStdout(line -> !line.isBlank(), TIMEOUT);
        Properties client = new Properties();
        client.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        client.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            for (String record : RECORDS) {
                String key = record.substring(0, record.indexOf('\t'));
                producer.send(new ProducerRecord<>(TOPIC, key.isEmpty() ? null : key,
                        record.substring(record.indexOf('\t') + 1))).get();
            }
        }
    }

    @AfterAll
    static void ctrlCStopsTheBroker() throws Exception {
        try {
            assumeTrue(LauncherProcess.ctrlCReachesChildren(), "this JVM was started with Ctrl-C ignored");
            broker.pressCtrlC();

            assertThat(broker.awaitExit(TIMEOUT)).as("exit status; stderr:\n" + broker.stderr()).isZero();
            assertStoppedCleanly(broker);
            assertThat(ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(BrokerProcessMain.class.getName())))
                    .as("no broker process left behind").isEmpty();
        } finally {
            broker.close();
        }
    }

    @Test
    void theReaderPrintsKeyTabValueLinesAndNothingElse() throws Exception {
        try (LauncherProcess read = LauncherProcess.start("read", "--bootstrap", bootstrap, "--topic", TOPIC,
                "--max", Integer.toString(RECORDS.size()))) {
            assertThat(read.awaitExit(TIMEOUT)).as("exit status; stderr:\n" + read.stderr()).isZero();

            byte[] stdout = read.stdoutBytes();
            assertThat(stdout).as("no terminal escape codes").doesNotContain((byte) 0x1b);
            assertThat(new String(stdout, StandardCharsets.UTF_8)).isEqualTo(String.join("\n", RECORDS) + "\n");
        }
    }

    @Test
    void ctrlCStopsAReaderThatFollowsTheTopic() throws Exception {
        assumeTrue(LauncherProcess.ctrlCReachesChildren(), "this JVM was started with Ctrl-C ignored");
        try (LauncherProcess read = LauncherProcess.start("read", "--bootstrap", bootstrap, "--topic", TOPIC)) {
            read.awaitStdout(line -> line.startsWith("\t"), TIMEOUT); // the last record: it follows now
            read.pressCtrlC();

            assertThat(read.awaitExit(TIMEOUT)).as("exit status; stderr:\n" + read.stderr()).isZero();
            assertStoppedCleanly(read);
            assertThat(new String(read.stdoutBytes(), StandardCharsets.UTF_8)).isEqualTo(String.join("\n", RECORDS) + "\n");
        }
    }

    private static void assertStoppedCleanly(LauncherProcess process) {
        List<String> stderr = process.stderrLines();
        assertThat(stderr).as("stderr").isNotEmpty();
        assertThat(stderr.get(stderr.size() - 1)).isEqualTo("stopped");
        assertThat(stderr).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
    }
}
