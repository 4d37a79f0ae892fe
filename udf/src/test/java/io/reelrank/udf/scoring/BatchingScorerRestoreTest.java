package io.reelrank.udf.scoring;

import static io.reelrank.udf.scoring.ScorerHarness.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.testutils.logging.LoggerAuditingExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * The scorer's serving version in its checkpoint: a restore resumes on it, so the requests the
 * async operator replays are scored by the model that was serving; a version that is gone or now
 * invalid, or a {@code CURRENT} naming a rejected version, never stops the restored job.
 */
@Timeout(60)
class BatchingScorerRestoreTest {

    private static final Duration BUFFER = Duration.ofHours(1);
    private static final Duration FLUSH = Duration.ofMillis(20);
    private static final Duration POLL = Duration.ofMillis(10);
    /** A scorer's snapshot written by 0.1, before the serving version was part of its state. */
    private static final Path FIXTURE_01 = Path.of("src/test/resources/state-fixtures/0.1/scorer.snapshot");

    @RegisterExtension
    final LoggerAuditingExtension errors = new LoggerAuditingExtension("io.reelrank.udf.model", Level.ERROR);

    @TempDir
    Path root;

    private TestRegistry registry;

    @BeforeEach
    void publishVersionOne() throws Exception {
        registry = new TestRegistry(root);
        registry.publish("1", TestRegistry.RANKER_1);
    }

    @Test
    void replayedRequestsAreScoredByTheVersionServingAtTheCheckpointThoughANewerOneIsValid() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithTwoBufferedRequests(registry.source(Duration.ZERO));
        registry.publish("2", TestRegistry.NEXT_VERSION);

        try (ScorerHarness restored = new ScorerHarness(registry.source(Duration.ZERO), FLUSH).restore(snapshot)) {
            restored.process(task("c", 3, 2));
            List<ScoredTask> outputs = restored.finish();

            assertThat(outputs).extracting(scored -> scored.task().requestId()).containsExactly("a", "b", "c");
            assertScoredBy("ranker/1", 0f, outputs);
            assertThat(restored.gauge("modelVersion")).isEqualTo("ranker/1");
        }
    }

    @Test
    void aCheckpointedVersionThatNowFailsValidationFallsBackToTheNewestValidOne() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithTwoBufferedRequests(registry.source(Duration.ZERO));
        registry.publish("2", TestRegistry.NEXT_VERSION);
        registry.replaceVersion("1", "nan-output/model.onnx");

        try (ScorerHarness restored = new ScorerHarness(registry.source(Duration.ZERO), FLUSH).restore(snapshot)) {
            assertScoredBy("ranker/2", 1f, restored.finish());
        }
        assertThat(errors.getMessages()).anySatisfy(message ->
                assertThat(message).contains("Model ranker/1 served at the checkpoint", "fails validation now"));
    }

    @Test
    void aCheckpointedVersionThatIsGoneFallsBackToTheNewestValidOne() throws Exception {
        OperatorSubtaskState snapshot = snapshotWithTwoBufferedRequests(registry.source(Duration.ZERO));
        registry.publish("2", TestRegistry.NEXT_VERSION);
        Files.move(registry.versionDir("1"), root.resolve(TestModels.MODEL_NAME).resolve(".1.deleted"));

        try (ScorerHarness restored = new ScorerHarness(registry.source(Duration.ZERO), FLUSH).restore(snapshot)) {
            assertScoredBy("ranker/2", 1f, restored.finish());
        }
        assertThat(errors.getMessages()).anySatisfy(message ->
                assertThat(message).contains("Model ranker/1 served at the checkpoint", "no longer in"));
    }

    /** The restore that crash-looped: CURRENT names a version validation rejected. */
    @Test
    void aRestoreWithCurrentNamingARejectedVersionServesTheCheckpointedOneAndSaysSo() throws Exception {
        registry.publish("2", TestRegistry.NEXT_VERSION);
        OperatorSubtaskState snapshot = snapshotWithTwoBufferedRequests(registry.source(Duration.ZERO));
        registry.publish("3", "nan-output/model.onnx");
        registry.point(ModelRegistry.POINTER_FILE, "3");

        try (ScorerHarness restored = new ScorerHarness(registry.source(POLL), FLUSH).restore(snapshot)) {
            ScorerHarness.awaitUntil(() -> Integer.valueOf(1).equals(restored.gauge("modelPointerRejected")));

            assertScoredBy("ranker/2", 1f, restored.finish());
            assertThat(restored.counter("modelRejections")).isEqualTo(1);
            assertThat((String) restored.gauge("lastModelRejection")).startsWith("ranker/3: ");
            assertThat(restored.gauge("modelVersionNumber")).isEqualTo(2L);
        }
    }

    @Test
    void aScorerSnapshotOf01WithoutTheServingVersionRestores() throws Exception {
        try (ScorerHarness restored = new ScorerHarness(TestModels.source(), FLUSH)
                .restore(OperatorSnapshotUtil.readStateHandle(FIXTURE_01.toString()))) {
            List<ScoredTask> outputs = restored.finish();

            assertThat(outputs).extracting(scored -> scored.task().requestId()).containsExactly("a", "b");
            assertScoredBy("ranker/1", 0f, outputs);
        }
    }

    /** Writes the 0.1 fixture; run once on 0.1 (where the scorer kept no model state), never after. */
    static void writeFixture01() throws Exception {
        OperatorSnapshotUtil.writeStateHandle(snapshotWithTwoBufferedRequests(TestModels.source()),
                FIXTURE_01.toString());
    }

    public static void main(String[] args) throws Exception {
        writeFixture01();
    }

    private static OperatorSubtaskState snapshotWithTwoBufferedRequests(ModelSource source) throws Exception {
        try (ScorerHarness scorer = new ScorerHarness(source, BUFFER).open()) {
            scorer.process(task("a", 1, 2));
            scorer.process(task("b", 2, 3));
            return scorer.snapshot();
        }
    }

    /** Every output stamped {@code version}, its scores the linear test model's plus {@code shift}. */
    private static void assertScoredBy(String version, float shift, List<ScoredTask> outputs) {
        assertThat(outputs).isNotEmpty();
        for (ScoredTask scored : outputs) {
            float[] expected = TestModels.expectedScores(scored.task().features(), TestModels.width());
            for (int i = 0; i < expected.length; i++) {
                expected[i] += shift;
            }
            assertThat(scored.modelVersion()).isEqualTo(version);
            assertThat(scored.scores()).containsExactly(expected, within(1e-5f));
        }
    }
}
