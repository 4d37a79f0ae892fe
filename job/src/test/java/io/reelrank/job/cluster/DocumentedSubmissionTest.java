package io.reelrank.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.job.ReelRankJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/cluster.md's two ways to submit say the same: the {@code flink run} command passes the
 * jar, entry class, parallelism and program arguments of the REST request that
 * StandaloneClusterITCase sends to a real cluster.
 */
class DocumentedSubmissionTest {
    private static final Path PAGE = Path.of("..", "docs", "cluster.md");

    @Test
    void theCliCommandSubmitsWhatTheRestRequestSubmits() throws Exception {
        DocumentedSubmission submission = DocumentedSubmission.read(PAGE);
        List<String> cli = submission.flinkRun();

        assertThat(submission.runBody().path("entryClass").asText()).isEqualTo(ReelRankJob.class.getName());
        assertThat(cli).startsWith("-d", "-p", submission.runBody().path("parallelism").asText(),
                "-c", ReelRankJob.class.getName(), submission.uploadedJar());
        assertThat(cli.subList(6, cli.size())).isEqualTo(submission.programArgs());
    }

    @Test
    void everyRequiredArgumentIsThere() throws Exception {
        DocumentedSubmission submission = DocumentedSubmission.read(PAGE);

        assertThat(submission.runBody().path("parallelism").asInt()).as("parallelism").isPositive();
        assertThat(submission.programArgs()).containsSubsequence(
                "--reelrank.kafka.bootstrap-servers", DocumentedSubmission.DOCUMENTED_BOOTSTRAP);
        assertThat(submission.programArgs()).contains("--reelrank.scoring.model-registry");
        assertThat(submission.runBody("broker:1234").path("programArgsList").toString())
                .contains("broker:1234").doesNotContain(DocumentedSubmission.DOCUMENTED_BOOTSTRAP);
    }
}
