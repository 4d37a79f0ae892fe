package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.FeatureLogRequest;
import io.reelrank.udf.privacy.UserIdPseudonyms;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FeatureLogSinkTest {
    private static final FeatureLogRequest REQUEST = new FeatureLogRequest("r1", "u42", "request", 1_700_000_000_000L,
            "ranker/1", new String[] {"v1"}, new int[] {2}, new float[] {0.5f});

    @Test
    void linesAreTheRecordsJsonWithoutASecret() throws Exception {
        assertThat(encode(new FeatureLogSink.JsonLines<>(null))).isEqualTo(Json.toJson(REQUEST) + "\n");
    }

    @Test
    void withASecretOnlyTheUserIdChanges() throws Exception {
        UserIdPseudonyms pseudonyms = new UserIdPseudonyms("a-test-secret-of-at-least-32-bytes!");
        String line = encode(new FeatureLogSink.JsonLines<>(pseudonyms));
        assertThat(line).doesNotContain("u42").endsWith("\n");
        FeatureLogRequest read = Json.fromJson(line.trim(), FeatureLogRequest.class);
        assertThat(read.userId()).isEqualTo(pseudonyms.pseudonym("u42"));
        assertThat(Json.toJson(read)).isEqualTo(Json.toJson(REQUEST).replace("u42", pseudonyms.pseudonym("u42")));
    }

    @Test
    void aRefreshsRequestIdLosesTheRealUserIdToo() throws Exception {
        UserIdPseudonyms pseudonyms = new UserIdPseudonyms("a-test-secret-of-at-least-32-bytes!");
        FeatureLogRequest refresh = new FeatureLogRequest("refresh-u42-1700000000000", "u42", "refresh",
                1_700_000_000_000L, "ranker/1", new String[0], new int[0], new float[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FeatureLogSink.JsonLines<FeatureLogRequest>(pseudonyms).encode(refresh, out);
        FeatureLogRequest read = Json.fromJson(out.toString(StandardCharsets.UTF_8).trim(), FeatureLogRequest.class);
        assertThat(read.requestId()).isEqualTo("refresh-" + pseudonyms.pseudonym("u42") + "-1700000000000");
    }

    @Test
    void requestLinesGoBesideAGatheredExamplesFile() {
        assertThat(FeatureLogSink.requestsBeside(Path.of("out/training.jsonl")))
                .isEqualTo(Path.of("out/training-requests.jsonl"));
    }

    private static String encode(FeatureLogSink.JsonLines<FeatureLogRequest> lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.encode(REQUEST, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
