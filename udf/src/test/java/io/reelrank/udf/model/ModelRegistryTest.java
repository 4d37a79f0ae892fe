package io.reelrank.udf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

    @TempDir
    Path root;

    private final List<String> features = TestModels.featureNames();
    private final String specHash = TestModels.specHash();
    private ModelRegistry registry;

    @BeforeEach
    void useTemporaryRegistry() {
        registry = new ModelRegistry(root.toUri().toString());
    }

    @Test
    void loadsAndVerifiesTheCommittedRanker() throws Exception {
        LoadedModel model = new ModelRegistry(TestModels.registryRoot().toString()).loadNewest("ranker", features, specHash);

        assertThat(model.version()).hasToString("ranker/1");
        assertThat(model.metadata().features()).isEqualTo(features);
        assertThat(model.metadata().inputName()).isEqualTo("features");
        assertThat(model.metadata().outputName()).isEqualTo("score");
        assertThat(model.metadata().opset()).isEqualTo(17);
        assertThat(model.metadata().metrics()).containsKey("auc");
        assertThat(ModelRegistry.sha256Hex(model.onnxBytes())).isEqualTo(model.sha256());
        assertThat(model.location()).endsWith("ranker/1/model.onnx");
    }

    @Test
    void picksTheNumericallyNewestVersionAndIgnoresUploadsInProgress() throws Exception {
        for (String version : List.of("1", "2", "9", "10")) {
            copyRanker(version, json -> {});
        }
        Files.createDirectories(root.resolve("ranker/_11-uploading"));
        Files.createDirectories(root.resolve("ranker/.12"));

        assertThat(registry.versions("ranker")).containsExactly("10", "9", "2", "1");
        assertThat(registry.loadNewest("ranker", features, specHash).version()).hasToString("ranker/10");
    }

    @Test
    void theCurrentPointerPinsAnOlderVersion() throws Exception {
        copyRanker("1", json -> {});
        copyRanker("2", json -> {});
        Files.writeString(root.resolve("ranker/CURRENT"), "1\n");

        assertThat(registry.loadNewest("ranker", features, specHash).version()).hasToString("ranker/1");
    }

    @Test
    void skipsANewerVersionWhoseChecksumDoesNotMatch() throws Exception {
        copyRanker("1", json -> {});
        copyRanker("2", json -> {});
        corruptModel("2");

        assertThat(registry.loadNewest("ranker", features, specHash).version()).hasToString("ranker/1");
    }

    @Test
    void failsWithTheFileNameWhenNoVersionIsValid() throws Exception {
        copyRanker("2", json -> {});
        corruptModel("2");

        assertThatThrownBy(() -> registry.loadNewest("ranker", features, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no valid version of model 'ranker'")
                .hasMessageContaining("ranker/2/model.onnx has sha256")
                .hasMessageContaining("re-export");
    }

    @Test
    void aPinnedInvalidVersionIsAnErrorNotAFallback() throws Exception {
        copyRanker("1", json -> {});
        copyRanker("2", json -> {});
        corruptModel("2");
        Files.writeString(root.resolve("ranker/CURRENT"), "2");

        assertThatThrownBy(() -> registry.loadNewest("ranker", features, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ranker/2/model.onnx has sha256");
    }

    @Test
    void rejectsAModelTrainedOnOtherFeatures() throws Exception {
        copyRanker("1", json -> {});
        List<String> swapped = new ArrayList<>(features);
        Collections.swap(swapped, 3, 4);

        assertThatThrownBy(() -> registry.load("ranker", "1", swapped, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("ranker/1/model.json")
                .hasMessageContaining("differ at position 3")
                .hasMessageContaining("'" + features.get(3) + "'");
        int width = features.size();
        assertThatThrownBy(() -> registry.load("ranker", "1", features.subList(0, width - 1), specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model has " + width + ", job computes " + (width - 1));
    }

    @Test
    void rejectsAModelTrainedWithAnotherSpecHash() throws Exception {
        copyRanker("1", json -> json.put("feature_spec_hash", "0".repeat(64)));

        assertThatThrownBy(() -> registry.load("ranker", "1", features, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("0".repeat(64))
                .hasMessageContaining(specHash);
    }

    @Test
    void rejectsMetadataThatDescribesAnotherVersion() throws Exception {
        copyRanker("3", json -> json.put("version", "2"));

        assertThatThrownBy(() -> registry.load("ranker", "3", features, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("describes ranker/2 but lies in ranker/3");
    }

    @Test
    void explainsAnEmptyRegistry() {
        assertThatThrownBy(() -> registry.loadNewest("ranker", features, specHash))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no versions of model 'ranker'");
    }

    @Test
    void ordersNumericVersionsNumericallyAndOthersLexicographically() {
        List<String> versions = new ArrayList<>(List.of("10", "2024-06-01", "9", "2023-12-31", "1"));
        versions.sort(VersionOrder.OLDEST_FIRST);

        assertThat(versions).containsExactly("2023-12-31", "2024-06-01", "1", "9", "10");
    }

    /** Copies the committed ranker/1 into the temporary registry as {@code version}, editing its model.json. */
    private void copyRanker(String version, Consumer<ObjectNode> edit) throws Exception {
        Path source = TestModels.registryRoot().resolve("ranker/1");
        Path target = Files.createDirectories(root.resolve("ranker").resolve(version));
        Files.copy(source.resolve("model.onnx"), target.resolve("model.onnx"));
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(source.resolve("model.json").toFile());
        json.put("version", version);
        edit.accept(json);
        Files.write(target.resolve("model.json"), Json.MAPPER.writeValueAsBytes(json));
    }

    private void corruptModel(String version) throws Exception {
        Files.write(root.resolve("ranker").resolve(version).resolve("model.onnx"),
                "truncated".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    }
}
