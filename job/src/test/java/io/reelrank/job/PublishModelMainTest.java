package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.rank.FeatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishModelMainTest {

    /** A contract v2 model: udf's test fixture, made by make_contract_fixtures.py. */
    private static final Path V2_FIXTURE = Path.of("..", "udf", "src", "test", "resources", "models", "v2", "ranker");

    @TempDir
    Path workspace;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void publishesAStagedVersionWhereTheJobFindsIt() throws Exception {
        Path staged = stage(".5.upload", "5");
        Path registry = workspace.resolve("registry");

        int exit = publish(staged.toString(), "--registry", registry.toString());

        assertThat(exit).isZero();
        assertThat(output()).startsWith("VALID ranker/5 (").contains("PUBLISHED ranker/5 at " + registry.resolve("ranker/5"));
        assertThat(entries(registry.resolve("ranker"))).containsExactly("5");
        for (String file : new String[] {ModelRegistry.MODEL_FILE, ModelRegistry.METADATA_FILE}) {
            assertThat(registry.resolve("ranker/5").resolve(file)).hasSameBinaryContentAs(staged.resolve(file));
        }
        FeatureSpec spec = FeatureSpec.bundled();
        assertThat(new ModelRegistry(registry.toString()).loadNewest("ranker", spec.names(), spec.hash())
                .version().toString()).isEqualTo("ranker/5");
    }

    @Test
    void setsCurrentOnlyWhenAsked() throws Exception {
        Path registry = workspace.resolve("registry");

        assertThat(publish(stage("5", "5").toString(), "--registry", registry.toString())).isZero();
        assertThat(registry.resolve("ranker/CURRENT")).doesNotExist();

        assertThat(publish(stage("6", "6").toString(), "--registry", registry.toString(), "--set-current")).isZero();
        assertThat(Files.readString(registry.resolve("ranker/CURRENT"))).isEqualTo("6\n");
        assertThat(output()).contains("CURRENT ranker/6");

        assertThat(publish(stage("7", "7").toString(), "--registry", registry.toString())).isZero();
        assertThat(Files.readString(registry.resolve("ranker/CURRENT"))).isEqualTo("6\n");
        assertThat(output()).contains("CURRENT still names ranker/6");
        assertThat(entries(registry.resolve("ranker"))).containsExactly("5", "6", "7", "CURRENT");
    }

    @Test
    void refusesAVersionThatExistsAndLeavesTheRegistryAsItWas() throws Exception {
        Path registry = workspace.resolve("registry");
        Path existing = ValidateModelMainTest.copyDefault(registry.resolve("ranker/5"), "5",
                json -> json.put("trained_at", "2026-01-01T00:00:00Z"));
        byte[] metadataBefore = Files.readAllBytes(existing.resolve(ModelRegistry.METADATA_FILE));

        int exit = publish(stage(".5.upload", "5").toString(), "--registry", registry.toString(), "--set-current");

        assertThat(exit).isEqualTo(1);
        assertThat(output().lines().filter(line -> line.startsWith("REFUSED ")))
                .containsExactly("REFUSED ranker/5: " + existing + " already exists; registry versions are immutable:"
                        + " stage the model under a new version");
        assertThat(entries(registry.resolve("ranker"))).containsExactly("5");
        assertThat(existing.resolve(ModelRegistry.METADATA_FILE)).hasBinaryContent(metadataBefore);
    }

    @Test
    void refusesAnInvalidModelAndWritesNothing() throws Exception {
        Path staged = ValidateModelMainTest.copyDefault(workspace.resolve("staging/ranker/5"), "5",
                json -> json.put("model_sha256", "0".repeat(64)));
        Path registry = workspace.resolve("registry");

        int exit = publish(staged.toString(), "--registry", registry.toString(), "--set-current");

        assertThat(exit).isEqualTo(1);
        assertThat(output()).startsWith("INVALID ranker/5: ").contains("Nothing was published to " + registry);
        assertThat(registry).doesNotExist();
    }

    @Test
    void publishesAContractV2VersionWithItsVocabulary() throws Exception {
        Path staged = Files.createDirectories(workspace.resolve("staging/ranker/.8.upload"));
        for (String file : List.of(ModelRegistry.MODEL_FILE, ModelRegistry.METADATA_FILE, "vocabulary.txt")) {
            Files.copy(V2_FIXTURE.resolve(file), staged.resolve(file));
        }
        Files.writeString(staged.resolve(ModelRegistry.METADATA_FILE),
                Files.readString(staged.resolve(ModelRegistry.METADATA_FILE)).replace("\"version\": \"2\"", "\"version\": \"8\""));
        Path registry = workspace.resolve("registry");

        int exit = publish(staged.toString(), "--registry", registry.toString());

        assertThat(exit).as(output()).isZero();
        assertThat(output()).contains("contract v2: inputs [features, candidate_ids, candidate_request,")
                .contains("heads [play, finish, like], vocabulary of 6 ids, sha256 verified");
        assertThat(registry.resolve("ranker/8/vocabulary.txt")).hasSameBinaryContentAs(staged.resolve("vocabulary.txt"));
        FeatureSpec spec = FeatureSpec.bundled();
        assertThat(new ModelRegistry(registry.toString()).loadNewest("ranker", spec.names(), spec.hash())
                .vocabulary().index("v-a")).isEqualTo(2);
    }

    @Test
    void refusesAV2VersionWhoseVocabularyIsMissing() throws Exception {
        Path staged = Files.createDirectories(workspace.resolve("staging/ranker/8"));
        for (String file : List.of(ModelRegistry.MODEL_FILE, ModelRegistry.METADATA_FILE)) {
            Files.copy(V2_FIXTURE.resolve(file), staged.resolve(file));
        }

        int exit = publish(staged.toString(), "--registry", workspace.resolve("registry").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(output()).startsWith("INVALID ranker/8: ").contains("vocabulary.txt is missing");
    }

    @Test
    void withoutAStagedDirectoryItIsAUsageError() {
        assertThat(publish("--registry", workspace.toString())).isEqualTo(2);
        assertThat(output()).startsWith("usage: PublishModelMain: missing <staged version dir>");
    }

    private Path stage(String folder, String version) throws Exception {
        return ValidateModelMainTest.copyDefault(workspace.resolve("staging/ranker").resolve(folder), version, json -> { });
    }

    private int publish(String... args) {
        return PublishModelMain.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** Every name in {@code dir}, hidden ones included, sorted. */
    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }
}
