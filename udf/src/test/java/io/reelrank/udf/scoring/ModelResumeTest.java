package io.reelrank.udf.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelWatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.testutils.logging.LoggerAuditingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * A watcher started with a version to resume on, as a restored scorer starts it: that version
 * serves while it is in the registry and valid, even over a newer version or {@code CURRENT},
 * until the first poll applies the pointers; otherwise an ERROR line and what the registry names.
 */
class ModelResumeTest {

    @RegisterExtension
    final LoggerAuditingExtension errors = new LoggerAuditingExtension("io.reelrank.udf.model", Level.ERROR);

    @TempDir
    Path root;

    private final WatcherEvents events = new WatcherEvents();
    private TestRegistry registry;
    private ModelWatcher<SessionLease> watcher;

    @BeforeEach
    void publishTwoVersions() throws Exception {
        registry = new TestRegistry(root);
        registry.publish("1", TestRegistry.RANKER_1);
        registry.publish("2", TestRegistry.NEXT_VERSION);
    }

    @AfterEach
    void unsubscribe() {
        TestRegistry.unsubscribe(watcher, events);
    }

    @Test
    void resumesOnTheCheckpointedVersionThoughANewerOneIsValidThenFollowsTheRegistry() throws Exception {
        watcher = resumeOn("1");

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(errors.getMessages()).isEmpty();

        watcher.poll();
        assertThat(watcher.servingVersion()).hasToString("ranker/2");
    }

    @Test
    void aCurrentPointerToARejectedVersionAtRestoreKeepsTheCheckpointedVersion() throws Exception {
        registry.publish("3", "nan-output/model.onnx");
        registry.point(ModelRegistry.POINTER_FILE, "3");

        watcher = resumeOn("1");
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(events.rejections).singleElement().asString().startsWith("ranker/3: ");
    }

    @Test
    void fallsBackWithAnErrorWhenTheCheckpointedVersionFailsValidationNow() throws Exception {
        registry.replaceVersion("1", "nan-output/model.onnx");

        watcher = resumeOn("1");

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(errors.getMessages()).anySatisfy(message -> assertThat(message)
                .contains("Model ranker/1 served at the checkpoint", "fails validation now", "finite scores"));
    }

    @Test
    void fallsBackWithAnErrorWhenTheCheckpointedVersionIsGone() throws Exception {
        Files.move(registry.versionDir("1"), root.resolve("ranker").resolve(".1.deleted"));

        watcher = resumeOn("1");

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(errors.getMessages()).singleElement().asString()
                .contains("Model ranker/1 served at the checkpoint", "no longer in");
    }

    private ModelWatcher<SessionLease> resumeOn(String version) throws Exception {
        return registry.subscribe(events, version);
    }
}
