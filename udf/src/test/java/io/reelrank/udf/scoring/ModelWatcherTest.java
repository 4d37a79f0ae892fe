package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelWatcher;
import io.reelrank.udf.model.ServingModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The watcher's decisions, driven by calling {@link ModelWatcher#poll()} directly (poll interval
 * zero starts no poller thread), so every step is deterministic. The watcher lives in {@code
 * model}; this test sits beside scoring because it runs the watcher with the real ONNX validator.
 */
class ModelWatcherTest {

    @TempDir
    Path root;

    private final int width = TestModels.width();
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
    void aNewVersionIsValidatedAndSwappedIn() throws Exception {
        watcher = subscribe();
        assertThat(watcher.servingVersion()).hasToString("ranker/1");

        registry.publish("2", TestRegistry.NEXT_VERSION);
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(events.swaps).containsExactly("ranker/1 -> ranker/2");
        assertThat(events.rejections).isEmpty();
        float[] rows = TestModels.rows(4, 3, width);
        assertThat(scoreWithServing(rows)).containsExactly(plusOne(TestModels.expectedScores(rows, width)), within(1e-5f));
    }

    @Test
    void aBatchThatStartedOnTheOldVersionFinishesOnItAndTheOldSessionClosesAfterIt() throws Exception {
        watcher = subscribe();
        ServingModel<SessionLease> inFlight = watcher.retainServing();

        registry.publish("2", TestRegistry.NEXT_VERSION);
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(inFlight.retired()).isTrue();
        float[] rows = TestModels.rows(2, 5, width);
        try (OnnxScorer scorer = new OnnxScorer(inFlight.runtime().share())) {
            assertThat(scorer.modelVersion()).hasToString("ranker/1");
            assertThat(scorer.score(rows, 5, width))
                    .containsExactly(TestModels.expectedScores(rows, width), within(1e-5f));
        }
        assertThat(TaskManagerShared.sessions().isCached(registry.sha256Of(TestRegistry.RANKER_1))).isTrue();

        inFlight.release();

        assertThat(TaskManagerShared.sessions().isCached(registry.sha256Of(TestRegistry.RANKER_1)))
                .as("closed after the last batch on ranker/1").isFalse();
    }

    static Stream<Arguments> badModels() {
        byte[] garbage = "this is not an onnx protobuf".getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("corrupt file", bad(garbage, json -> {}), "ONNX Runtime cannot load"),
                Arguments.of("wrong input width", bad("wrong-width/model.onnx", json -> {}), "[batch, " + TestModels.width() + "]"),
                Arguments.of("feature-spec mismatch",
                        bad(TestRegistry.NEXT_VERSION, json -> json.put("feature_spec_hash", "0".repeat(64))),
                        "but the job's spec hashes to"),
                Arguments.of("feature names mismatch",
                        bad(TestRegistry.NEXT_VERSION, json -> ((ArrayNode) json.get("features")).set(0, "renamed")),
                        "differ at position 0"),
                Arguments.of("checksum mismatch",
                        bad(TestRegistry.NEXT_VERSION, json -> json.put("model_sha256", "f".repeat(64))),
                        "the upload is incomplete or the metadata is stale"),
                Arguments.of("NaN outputs", bad("nan-output/model.onnx", json -> {}), "must produce finite scores"),
                Arguments.of("scores out of range",
                        bad(TestRegistry.NEXT_VERSION, json -> json.putArray("score_range").add(0.0).add(1.0)),
                        "outside its score_range"),
                Arguments.of("load failure", bad("unknown-op/model.onnx", json -> {}), "NoSuchOperator"),
                Arguments.of("missing model.json", (Publisher) (registry) -> {
                    registry.publish("2", TestRegistry.NEXT_VERSION);
                    Files.delete(registry.versionDir("2").resolve(ModelRegistry.METADATA_FILE));
                }, "model.json is missing"));
    }

    /** Contract v2 models whose graph or model.json breaks the contract; the fixtures are made by make_contract_fixtures.py. */
    static Stream<Arguments> badV2Models() {
        return Stream.of(
                Arguments.of("v2 declared input missing from the graph",
                        badV2("ids-only", json -> ((ArrayNode) json.get("inputs")).add("candidate_request")),
                        "declares input 'candidate_request' but its graph has no such tensor"),
                Arguments.of("v2 input of the wrong type", badV2("wrong-dtype", json -> {}),
                        "input 'candidate_ids' is FLOAT [-1] but the contract says INT64 [C]"),
                Arguments.of("v2 fixed candidate axis", badV2("fixed-candidates", json -> {}),
                        "input 'features' is FLOAT [3, " + TestModels.width() + "] but the contract says FLOAT [C, "
                                + TestModels.width() + "]"),
                Arguments.of("v2 graph input not declared", badV2("ranker", json -> remove(json, "inputs", "history_mask")),
                        "reads input 'history_mask' that model.json does not declare"),
                Arguments.of("v2 declared head missing from the graph",
                        badV2("ranker", json -> ((ArrayNode) json.get("outputs")).add("share")), "has no float output 'share'"),
                Arguments.of("v2 objectives weight a missing head",
                        badV2("ranker", json -> json.putObject("objectives").put("share", 1.0)),
                        "has no head 'share' that model.json objectives weights"),
                Arguments.of("v2 unknown input name", badV2("ids-only", json -> ((ArrayNode) json.get("inputs")).add("history_tags")),
                        "declares unknown input 'history_tags'; contract v2 inputs are [features, candidate_ids,"
                                + " candidate_request, history_ids, history_actions, history_age_hours, history_mask]"),
                Arguments.of("v2 history without history_length", badV2("ranker", json -> json.remove("history_length")),
                        "reads history_* inputs but declares history_length null"),
                Arguments.of("v2 history without candidate_request",
                        badV2("ranker", json -> remove(json, "inputs", "candidate_request")),
                        "reads history_* inputs but not candidate_request"),
                Arguments.of("v2 history_length differs from the graph", badV2("ranker", json -> json.put("history_length", 5)),
                        "input 'history_ids' is INT64 [-1, 4] but the contract says INT64 [R, 5]"),
                Arguments.of("v2 ids without a vocabulary", badV2("ids-only", json -> json.remove("vocabulary")),
                        "reads video ids but declares no vocabulary"),
                Arguments.of("v2 vocabulary checksum mismatch",
                        badV2("ranker", json -> ((ObjectNode) json.get("vocabulary")).put("sha256", "0".repeat(64))),
                        "vocabulary.txt has sha256"),
                Arguments.of("v2 vocabulary size mismatch",
                        badV2("ranker", json -> ((ObjectNode) json.get("vocabulary")).put("size", 7)),
                        "has 6 lines but model.json says vocabulary size = 7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badV2Models")
    void aVersionBreakingContractV2IsRejectedAndThePreviousKeepsServing(String name, Publisher publish, String reason)
            throws Exception {
        aBadVersionIsRejectedOnceAndThePreviousKeepsServing(name, publish, reason);
    }

    @Test
    void swapsFromAV1ModelToAV2ModelAndBack() throws Exception {
        watcher = subscribe();
        registry.publishV2("2", "ranker");
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        ScoringTask task = ContractFixture.task("r1", new String[] {"v-a", "unknown"}, new float[] {1f, 2f},
                ContractFixture.history(io.reelrank.udf.contract.Action.LIKE, "v-a"));
        BatchScores v2 = scoreWithServing(List.of(task));
        assertThat(v2.headNames()).containsExactly("play", "finish", "like");
        assertThat(v2.heads()[2][0]).isCloseTo(ContractFixture.like(task, 0), within(1e-5f));

        registry.point(ModelRegistry.POINTER_FILE, "1");
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(events.swaps).containsExactly("ranker/1 -> ranker/2", "ranker/2 -> ranker/1");
        BatchScores v1 = scoreWithServing(List.of(task));
        assertThat(v1.heads()).isNull();
        assertThat(v1.fused()).containsExactly(TestModels.expectedScores(task.features(), width), within(1e-5f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void aBadVersionIsRejectedOnceAndThePreviousKeepsServing(String name, Publisher publish, String reason)
            throws Exception {
        watcher = subscribe();
        publish.publish(registry);

        watcher.poll();
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(events.rejections).as("rejected once, remembered by fingerprint").hasSize(1);
        assertThat(events.rejections.get(0)).startsWith("ranker/2: ").contains(reason);
        assertThat(events.swaps).isEmpty();
        float[] rows = TestModels.rows(7, 2, width);
        assertThat(scoreWithServing(rows)).containsExactly(TestModels.expectedScores(rows, width), within(1e-5f));
    }

    @Test
    void aRejectedVersionIsRetriedWhenItsFilesChange() throws Exception {
        watcher = subscribe();
        registry.publishBytes("2", "garbage".getBytes(StandardCharsets.UTF_8), json -> {});
        watcher.poll();
        assertThat(events.rejections).hasSize(1);

        registry.replaceVersion("2", TestRegistry.NEXT_VERSION);
        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/2");
    }

    @Test
    void theCurrentPointerRollsBackAndRemovingItServesTheNewestAgain() throws Exception {
        registry.publish("2", TestRegistry.NEXT_VERSION);
        watcher = subscribe();
        assertThat(watcher.servingVersion()).hasToString("ranker/2");

        registry.point(ModelRegistry.POINTER_FILE, "1");
        watcher.poll();
        assertThat(watcher.servingVersion()).hasToString("ranker/1");

        registry.point(ModelRegistry.POINTER_FILE, null);
        watcher.poll();
        assertThat(watcher.servingVersion()).hasToString("ranker/2");
        assertThat(events.swaps).containsExactly("ranker/2 -> ranker/1", "ranker/1 -> ranker/2");
    }

    @Test
    void aPointerToABadVersionIsRejectedAndTheCurrentOneKeepsServing() throws Exception {
        watcher = subscribe();
        registry.publish("2", "nan-output/model.onnx");
        registry.point(ModelRegistry.POINTER_FILE, "2");

        watcher.poll();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(events.rejections).hasSize(1);
    }

    @Test
    void startsOnTheNewestValidVersionSkippingABadNewerOne() throws Exception {
        registry.publish("2", "nan-output/model.onnx");

        watcher = subscribe();

        assertThat(watcher.servingVersion()).hasToString("ranker/1");
        assertThat(events.rejections).as("rejected before this listener subscribed").isEmpty();
    }

    @Test
    void failsToStartWithEveryReasonWhenNoVersionIsValid() throws Exception {
        registry.publish("3", TestRegistry.NEXT_VERSION);
        Files.delete(registry.versionDir("3").resolve(ModelRegistry.METADATA_FILE));
        Files.delete(registry.versionDir("1").resolve(ModelRegistry.METADATA_FILE));
        registry.point(ModelRegistry.POINTER_FILE, "3");

        assertThatThrownBy(this::subscribe)
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no valid version of model 'ranker'")
                .hasMessageContaining("3: ")
                .hasMessageContaining("model.json is missing");
    }

    @Test
    void theShadowPointerLoadsAShadowModelThatNeverServes() throws Exception {
        watcher = subscribe();
        assertThat(watcher.retainShadow()).isNull();
        registry.publish("2", TestRegistry.NEXT_VERSION);
        registry.point(ModelRegistry.POINTER_FILE, "1");
        registry.point(ModelRegistry.SHADOW_POINTER_FILE, "2");

        watcher.poll();

        ServingModel<SessionLease> shadow = watcher.retainShadow();
        try {
            assertThat(shadow.version()).hasToString("ranker/2");
        } finally {
            shadow.release();
        }
        assertThat(watcher.servingVersion()).hasToString("ranker/1");

        registry.point(ModelRegistry.SHADOW_POINTER_FILE, null);
        watcher.poll();
        assertThat(watcher.retainShadow()).isNull();
    }

    @Test
    void slotsOfOneTaskManagerShareOneWatcher() throws Exception {
        watcher = subscribe();
        WatcherEvents other = new WatcherEvents();
        ModelWatcher<SessionLease> second = registry.subscribe(other);
        try {
            assertThat(second).isSameAs(watcher);
        } finally {
            TaskManagerShared.modelWatchers().unsubscribe(second, other);
        }
        assertThat(watcher.servingVersion()).as("still serving for the first slot").hasToString("ranker/1");
    }

    private ModelWatcher<SessionLease> subscribe() throws Exception {
        return registry.subscribe(events);
    }

    private BatchScores scoreWithServing(List<ScoringTask> tasks) throws Exception {
        ServingModel<SessionLease> model = watcher.retainServing();
        try (OnnxScorer scorer = new OnnxScorer(model.runtime().share())) {
            return scorer.score(tasks);
        } finally {
            model.release();
        }
    }

    private float[] scoreWithServing(float[] rows) throws Exception {
        ServingModel<SessionLease> model = watcher.retainServing();
        try (OnnxScorer scorer = new OnnxScorer(model.runtime().share())) {
            return scorer.score(rows, rows.length / width, width);
        } finally {
            model.release();
        }
    }

    private static float[] plusOne(float[] scores) {
        float[] shifted = scores.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 1f;
        }
        return shifted;
    }

    private static Publisher bad(String modelResource, Consumer<ObjectNode> edit) {
        return registry -> registry.publish("2", modelResource, edit);
    }

    private static Publisher badV2(String fixture, Consumer<ObjectNode> edit) {
        return registry -> registry.publishV2("2", fixture, edit);
    }

    private static void remove(ObjectNode json, String array, String value) {
        ArrayNode values = (ArrayNode) json.get(array);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).asText().equals(value)) {
                values.remove(i);
                return;
            }
        }
    }

    private static Publisher bad(byte[] onnx, Consumer<ObjectNode> edit) {
        return registry -> registry.publishBytes("2", onnx, edit);
    }

    @FunctionalInterface
    interface Publisher {
        void publish(TestRegistry registry) throws Exception;
    }
}
