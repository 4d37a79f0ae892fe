package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.ModelWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A registry in a temporary directory that tests publish into the way the trainer does: each
 * version is written into a hidden directory and renamed into place, pointers are replaced by
 * rename, so a polling watcher never sees half a version.
 */
final class TestRegistry {

    /** The committed ranker/1; scores {@code x . w + 0.25}. */
    static final String RANKER_1 = "registry/ranker/1/model.onnx";
    /** The same ranker with every score 1 higher. */
    static final String NEXT_VERSION = "next-version/model.onnx";
    /** The vocabulary file of the contract v2 fixtures. */
    static final String VOCABULARY_FILE = "vocabulary.txt";

    private final Path root;

    TestRegistry(Path root) {
        this.root = root;
    }

    ModelSource source(Duration pollInterval) {
        return new ModelSource(root.toUri().toString(), TestModels.MODEL_NAME, TestModels.featureNames(),
                TestModels.specHash(), pollInterval, null);
    }

    /** Publishes the committed model file {@code modelResource} as {@code version}, model.json edited by {@code edit}. */
    void publish(String version, String modelResource, Consumer<ObjectNode> edit) throws IOException {
        publishBytes(version, Files.readAllBytes(TestModels.resource(modelResource)), edit);
    }

    void publish(String version, String modelResource) throws IOException {
        publish(version, modelResource, json -> {});
    }

    /** Publishes {@code onnx} with a model.json that matches it (right name, version, checksum), then edited. */
    void publishBytes(String version, byte[] onnx, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(TestModels.resource("registry/ranker/1/model.json").toFile());
        json.put("version", version);
        json.put("model_sha256", ModelRegistry.sha256Hex(onnx));
        edit.accept(json);
        Path staging = Files.createDirectories(root.resolve(TestModels.MODEL_NAME).resolve("." + version + ".upload"));
        Files.write(staging.resolve(ModelRegistry.MODEL_FILE), onnx);
        Files.write(staging.resolve(ModelRegistry.METADATA_FILE), Json.MAPPER.writeValueAsBytes(json));
        Files.move(staging, root.resolve(TestModels.MODEL_NAME).resolve(version), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Publishes the committed contract v2 fixture {@code v2/<fixture>} (model.onnx, vocabulary.txt
     * and its own model.json) as {@code version}, model.json edited by {@code edit}.
     */
    void publishV2(String version, String fixture, Consumer<ObjectNode> edit) throws IOException {
        Path dir = TestModels.resource("v2/" + fixture);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(dir.resolve(ModelRegistry.METADATA_FILE).toFile());
        json.put("version", version);
        edit.accept(json);
        Path staging = Files.createDirectories(root.resolve(TestModels.MODEL_NAME).resolve("." + version + ".upload"));
        Files.copy(dir.resolve(ModelRegistry.MODEL_FILE), staging.resolve(ModelRegistry.MODEL_FILE));
        Files.copy(dir.resolve(VOCABULARY_FILE), staging.resolve(VOCABULARY_FILE));
        Files.write(staging.resolve(ModelRegistry.METADATA_FILE), Json.MAPPER.writeValueAsBytes(json));
        Files.move(staging, root.resolve(TestModels.MODEL_NAME).resolve(version), StandardCopyOption.ATOMIC_MOVE);
    }

    void publishV2(String version, String fixture) throws IOException {
        publishV2(version, fixture, json -> {});
    }

    /** Writes pointer {@code file} (CURRENT, SHADOW) naming {@code version}, or deletes it when version is null. */
    void point(String file, String version) throws IOException {
        Path pointer = root.resolve(TestModels.MODEL_NAME).resolve(file);
        if (version == null) {
            Files.deleteIfExists(pointer);
            return;
        }
        Path temp = root.resolve(TestModels.MODEL_NAME).resolve("." + file + ".tmp");
        Files.writeString(temp, version + "\n");
        Files.move(temp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Path versionDir(String version) {
        return root.resolve(TestModels.MODEL_NAME).resolve(version);
    }

    /** Replaces a version's files in place (a registry should never see this; it tests the fingerprint). */
    void replaceVersion(String version, String modelResource) throws IOException {
        Path old = versionDir(version);
        Path aside = root.resolve(TestModels.MODEL_NAME).resolve("." + version + ".old");
        Files.move(old, aside, StandardCopyOption.ATOMIC_MOVE);
        publish(version, modelResource);
    }

    String sha256Of(String modelResource) throws IOException {
        return ModelRegistry.sha256Hex(Files.readAllBytes(TestModels.resource(modelResource)));
    }

    /** Subscribes {@code listener} to this TaskManager's watcher of this registry, polled by the test. */
    ModelWatcher<SessionLease> subscribe(WatcherEvents listener) throws Exception {
        return subscribe(listener, null);
    }

    /** As a scorer restored from a checkpoint on {@code resumeVersion} (null: a fresh start) subscribes. */
    ModelWatcher<SessionLease> subscribe(WatcherEvents listener, String resumeVersion) throws Exception {
        return TaskManagerShared.modelWatchers().subscribe(source(Duration.ZERO),
                new OnnxValidator(SessionSettings.defaults()), listener, resumeVersion);
    }

    /** Drops {@code listener}'s subscription; nothing when the test never subscribed. */
    static void unsubscribe(ModelWatcher<SessionLease> watcher, WatcherEvents listener) {
        if (watcher != null) {
            TaskManagerShared.modelWatchers().unsubscribe(watcher, listener);
        }
    }
}
