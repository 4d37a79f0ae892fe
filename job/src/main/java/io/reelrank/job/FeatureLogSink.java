package io.reelrank.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.privacy.UserIdPseudonyms;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Writes the feature log as JSON lines under {@code <path>/rows} (one line per scored
 * candidate), {@code <path>/examples} (one labelled training example per line, the directory
 * {@code train_ranker.py --data} reads) and {@code <path>/requests} (one line per scored request:
 * the user's history as the model received it). Exactly once: part files roll on every checkpoint and
 * are only finished (renamed from their hidden in-progress name) once the checkpoint completes,
 * so a reader never sees a row twice or half a file.
 */
public final class FeatureLogSink {
    public static final String ROWS = "rows";
    public static final String EXAMPLES = "examples";
    public static final String REQUESTS = "requests";

    private FeatureLogSink() {}

    /**
     * Sinks the feature log of {@code outputs} when the settings enable it; otherwise does nothing.
     * With a pseudonymisation secret set, every line's user_id is the user's pseudonym.
     */
    public static void attach(ReelRankWorkflow.Outputs outputs, JobSettings settings) {
        String path = settings.featureLog().path();
        UserIdPseudonyms pseudonyms = settings.privacy().pseudonyms();
        outputs.featureLog().ifPresent(log -> {
            sink(log.rows(), path, ROWS, pseudonyms);
            sink(log.examples(), path, EXAMPLES, pseudonyms);
            sink(log.requests(), path, REQUESTS, pseudonyms);
        });
    }

    /**
     * Where the request lines that go with a gathered examples file are written beside it:
     * {@code X.jsonl} gets {@code X-requests.jsonl}, the sidecar {@code train_ranker.py} looks for.
     */
    public static java.nio.file.Path requestsBeside(java.nio.file.Path examplesFile) {
        String name = examplesFile.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return examplesFile.resolveSibling(stem + "-requests.jsonl");
    }

    /**
     * The non-blank lines of the finished part files under {@code dir}, in file-name order.
     * In-progress and pending files are hidden (leading '.') and are not part of the log yet.
     */
    public static List<String> finishedLines(java.nio.file.Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " does not exist: no feature-log examples or rows were written there");
        }
        try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .flatMap(FeatureLogSink::lines)
                    .filter(line -> !line.isBlank())
                    .toList();
        }
    }

    private static Stream<String> lines(java.nio.file.Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void sink(DataStream<T> stream, String root, String name, UserIdPseudonyms pseudonyms) {
        FileSink<T> sink = FileSink.forRowFormat(new Path(root, name), new JsonLines<T>(pseudonyms))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".jsonl").build())
                .build();
        stream.sinkTo(sink).uid("feature-log-sink-" + name).name("feature log: " + name);
    }

    /** One record as one line of ReelRank's JSON, its user_id pseudonymised when {@code pseudonyms} is set. */
    static final class JsonLines<T> implements Encoder<T> {
        private static final String USER_ID = "user_id";
        private static final String REQUEST_ID = "request_id";
        private static final String REFRESH = "refresh-";
        private final UserIdPseudonyms pseudonyms;

        JsonLines(UserIdPseudonyms pseudonyms) {
            this.pseudonyms = pseudonyms;
        }

        @Override
        public void encode(T element, OutputStream stream) throws IOException {
            if (pseudonyms == null) {
                stream.write(Json.toBytes(element));
            } else {
                ObjectNode line = Json.MAPPER.valueToTree(element);
                String userId = line.path(USER_ID).asText(null);
                String pseudonym = pseudonyms.pseudonym(userId);
                line.put(USER_ID, pseudonym);
                // A refresh's request id is "refresh-<user id>-<ts>": it would carry the real id along.
                String requestId = line.path(REQUEST_ID).asText("");
                String refreshPrefix = REFRESH + userId + "-";
                if (userId != null && requestId.startsWith(refreshPrefix)) {
                    line.put(REQUEST_ID, REFRESH + pseudonym + "-" + requestId.substring(refreshPrefix.length()));
                }
                stream.write(Json.MAPPER.writeValueAsBytes(line));
            }
            stream.write('\n');
        }
    }
}
