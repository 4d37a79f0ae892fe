package io.reelrank.udf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.udf.contract.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json v2 as the registry reads it; the graph checks run in the scoring package's tests. */
class ModelContractTest {

    @TempDir
    Path root;

    @Test
    void readsAV2ModelJson() throws Exception {
        ModelMetadata metadata = fixture("ranker");

        assertThat(metadata.isV2()).isTrue();
        assertThat(metadata.inputs()).containsExactlyElementsOf(ModelContract.INPUTS);
        assertThat(metadata.heads()).containsExactly("play", "finish", "like");
        assertThat(metadata.historyLength()).isEqualTo(4);
        assertThat(metadata.vocabulary().file()).isEqualTo("vocabulary.txt");
        assertThat(metadata.vocabulary().size()).isEqualTo(6);
        assertThat(metadata.objectives()).containsExactly(Map.entry("play", 1.0), Map.entry("finish", 0.5),
                Map.entry("like", 0.3));
        assertThat(ModelContract.fusionWeights(metadata, null, "x")).containsExactly(1f, 0.5f, 0.3f);
    }

    @Test
    void aV1ModelJsonIsReadAsBefore() throws Exception {
        ModelMetadata metadata = TestModels.linear().metadata();

        assertThat(metadata.isV2()).isFalse();
        assertThat(metadata.contractVersion()).isNull();
        assertThat(metadata.heads()).containsExactly("score");
        assertThat(TestModels.linear().vocabulary()).isNull();
        assertThat(ModelContract.fusionWeights(metadata, null, "x")).containsExactly(1f);
    }

    @Test
    void withoutObjectivesTheFirstHeadServesAlone() throws Exception {
        ModelMetadata metadata = Json.MAPPER.readValue(
                "{\"name\":\"ranker\",\"version\":\"3\",\"contract_version\":2,\"inputs\":[\"features\"],"
                        + "\"outputs\":[\"play\",\"like\"]}", ModelMetadata.class);

        assertThat(ModelContract.fusionWeights(metadata, null, "x")).containsExactly(1f, 0f);
        assertThat(ModelContract.fusionWeights(metadata, Map.of("like", 2.0), "x")).containsExactly(0f, 2f);
    }

    @Test
    void rejectsAContractVersionThisJobCannotRead() throws Exception {
        ModelMetadata metadata = Json.MAPPER.readValue(
                "{\"name\":\"ranker\",\"version\":\"3\",\"contract_version\":3}", ModelMetadata.class);

        assertThatThrownBy(() -> ModelContract.check(metadata, "m.json"))
                .hasMessageContaining("declares contract_version 3 but this job reads contract versions 1 and 2");
    }

    @Test
    void theRegistryLoadsTheVocabularyWithTheModel() throws Exception {
        Path version = Files.createDirectories(root.resolve("ranker/2"));
        Path fixture = TestModels.resource("v2/ranker");
        for (String file : List.of("model.onnx", "model.json", "vocabulary.txt")) {
            Files.copy(fixture.resolve(file), version.resolve(file));
        }
        ModelSource source = new ModelSource(root.toString(), "ranker", TestModels.featureNames(), TestModels.specHash());

        LoadedModel model = source.load("2");

        assertThat(model.vocabulary().index("v-c")).isEqualTo(4);
        String before = source.registry().fingerprint("ranker", "2");
        Files.writeString(version.resolve("vocabulary.txt"), "[PAD]\n[UNK]\n");
        assertThat(source.registry().fingerprint("ranker", "2")).as("a re-uploaded vocabulary is retried")
                .isNotEqualTo(before);
        assertThatThrownBy(() -> source.load("2")).hasMessageContaining("vocabulary.txt has sha256");
        Files.delete(version.resolve("vocabulary.txt"));
        assertThatThrownBy(() -> source.load("2"))
                .hasMessageContaining("vocabulary.txt is missing: model.json declares it as the vocabulary");
    }

    @Test
    void parsesTheObjectivesOption() {
        assertThat(ModelContract.parseObjectives("play:1.0, finish:0.5,like:-0.3"))
                .containsExactly(Map.entry("play", 1.0), Map.entry("finish", 0.5), Map.entry("like", -0.3));
        assertThat(ModelContract.parseObjectives(" ")).isNull();
        for (String bad : List.of("play", "play:x", "play:1,play:2", ":1", "play:NaN", "play:1:2")) {
            assertThatThrownBy(() -> ModelContract.parseObjectives(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("e.g. play:1.0,finish:0.5,like:0.3");
        }
    }

    private static ModelMetadata fixture(String name) throws Exception {
        return Json.MAPPER.readValue(TestModels.resource("v2/" + name + "/model.json").toFile(), ModelMetadata.class);
    }
}
