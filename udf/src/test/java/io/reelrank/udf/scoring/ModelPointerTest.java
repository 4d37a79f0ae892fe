package io.reelrank.udf.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelWatcher;
import io.reelrank.udf.model.ServingModel;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.testutils.logging.LoggerAuditingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * {@code CURRENT} and {@code SHADOW} naming a version that cannot serve, over a registry on disk
 * with real ONNX models: the job neither fails to start nor stops, one ERROR line says so when the
 * pointer appears, {@link ModelWatcher#pointerUnusable()} (the {@code modelPointerRejected} gauge)
 * holds while it lasts, and the serving version stays. Polls are driven directly.
 */
class ModelPointerTest {

    @RegisterExtension
    final LoggerAuditingExtension errors = new LoggerAuditingExtension("io.reelrank.udf.model", Level.ERROR);

    @TempDir
    Path root;

    private final WatcherEvents events = new WatcherEvents();
    private TestRegistry registry;
    private ModelWatcher<SessionLease> watcher;

    @BeforeEach
    void publishVersionOne() throws Exception {
        registry = new TestRegistry(root);
        registry.publish("1", TestRegistry.RANKER_1);
    }

    @AfterEach
    void unsubscribe() {
        TestRegistry.unsubscribe(watcher, events);
    }

    @Test
    void currentNamingARejectedVersionAtStartServesTheNewestValidOne() throws Exception {
        registry.publish("2", "nan-output/model.onnx");
        registry.point(ModelRegistry.POINTER_FILE, "2");

        watcher = subscribe();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(pointerErrors("CURRENT")).singleElement().asString()
                .contains("names ranker/2, which failed validation", "finite scores",
                        "Serving the newest valid version instead");
        assertThat(events.joined).as("the start's rejection reaches the first subscriber")
                .startsWith("0 swaps, 1 rejections, last: ranker/2: ");
    }

    @Test
    void currentMovedToAnAlreadyRejectedVersionWhileRunningIsReportedOnceAndTheServingOneStays() throws Exception {
        registry.publish("2", "nan-output/model.onnx");
        watcher = subscribe(); // rejects 2 on its way to the newest valid version
        assertThat(watcher.pointerUnusable()).isFalse();

        registry.point(ModelRegistry.POINTER_FILE, "2");
        watcher.poll();
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(pointerErrors("CURRENT")).as("once, not every poll").singleElement().asString()
                .contains("names ranker/2, which failed validation", "Still serving ranker/1");
        ServingModel<SessionLease> batch = watcher.retainServing();
        batch.release();
        assertThat(batch.version()).hasToString("ranker/1");

        registry.point(ModelRegistry.POINTER_FILE, "1");
        watcher.poll();
        assertThat(watcher.pointerUnusable()).as("CURRENT names the serving version again").isFalse();
    }

    @Test
    void currentNamingAMissingVersionServesTheNewestValidOneUntilThatVersionIsPublished() throws Exception {
        registry.point(ModelRegistry.POINTER_FILE, "7");

        watcher = subscribe();
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(pointerErrors("CURRENT")).singleElement().asString()
                .contains("names ranker/7, which is not in the registry");

        registry.publish("7", TestRegistry.NEXT_VERSION);
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/7");
        assertThat(watcher.pointerUnusable()).isFalse();
        assertThat(events.swaps).containsExactly("ranker/1 -> ranker/7");
    }

    @Test
    void anEmptyCurrentPointerIsReportedOnceAndTheNewestValidVersionServes() throws Exception {
        registry.publish("2", TestRegistry.NEXT_VERSION);
        registry.point(ModelRegistry.POINTER_FILE, ""); // e.g. caught mid-write by a non-atomic echo

        watcher = subscribe();
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(errors.getMessages()).filteredOn(message -> message.startsWith("CURRENT of model ranker cannot be read"))
                .singleElement().asString().contains("is empty");

        registry.point(ModelRegistry.POINTER_FILE, "1");
        watcher.poll();
        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(watcher.pointerUnusable()).isFalse();
    }

    @Test
    void shadowNamingARejectedOrMissingVersionIsReportedAndThePreviousShadowGoesOn() throws Exception {
        registry.publish("2", TestRegistry.NEXT_VERSION);
        registry.publish("3", "nan-output/model.onnx");
        registry.point(ModelRegistry.POINTER_FILE, "1");
        registry.point(ModelRegistry.SHADOW_POINTER_FILE, "3");

        watcher = subscribe();

        assertThat(watcher.shadowVersion()).isNull();
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(pointerErrors("SHADOW")).singleElement().asString()
                .contains("names ranker/3, which failed validation", "No shadow scoring");

        registry.point(ModelRegistry.SHADOW_POINTER_FILE, "2");
        watcher.poll();
        assertThat(watcher.shadowVersion()).hasToString("ranker/2");
        assertThat(watcher.pointerUnusable()).isFalse();

        registry.point(ModelRegistry.SHADOW_POINTER_FILE, "9");
        watcher.poll();
        watcher.poll();
        assertThat(watcher.shadowVersion()).as("the previous shadow goes on").hasToString("ranker/2");
        assertThat(watcher.pointerUnusable()).isTrue();
        assertThat(pointerErrors("SHADOW")).hasSize(2).last().asString()
                .contains("names ranker/9, which is not in the registry", "Still shadow-scoring with ranker/2");
        assertThat(watcher.servingVersion()).hasToString("ranker/1");
    }

    @Test
    void aSubscriberThatJoinsLaterStartsFromTheWatchersCounts() throws Exception {
        registry.publish("2", "nan-output/model.onnx");
        watcher = subscribe();
        registry.publish("3", TestRegistry.NEXT_VERSION);
        watcher.poll();

        WatcherEvents later = new WatcherEvents();
        ModelWatcher<SessionLease> joined = registry.subscribe(later);
        TaskManagerShared.modelWatchers().unsubscribe(joined, later);

        assertThat(later.joined).startsWith("1 swaps, 1 rejections, last: ranker/2: ").contains("finite scores");
    }

    @Test
    void afterARestartThatStoppedTheWatcherTheNewOneCountsTheRejectionsOfItsStart() throws Exception {
        registry.publish("2", "nan-output/model.onnx");
        TaskManagerShared.modelWatchers().unsubscribe(subscribe(), events);

        WatcherEvents restarted = new WatcherEvents();
        watcher = registry.subscribe(restarted);
        TaskManagerShared.modelWatchers().unsubscribe(watcher, restarted);
        watcher = null;

        assertThat(restarted.joined).startsWith("0 swaps, 1 rejections, last: ranker/2: ");
    }

    private List<String> pointerErrors(String pointer) {
        return errors.getMessages().stream().filter(message -> message.startsWith(pointer + " names ")).toList();
    }

    private ModelWatcher<SessionLease> subscribe() throws Exception {
        return registry.subscribe(events);
    }
}
