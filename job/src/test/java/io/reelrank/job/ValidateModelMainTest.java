package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.model.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateModelMainTest {

    private static final Path DEFAULT_MODEL = Path.of("..", "models", "registry", "ranker", "1");
    private static final Path NAN_MODEL = Path.of("..", "udf", "src", "test", "resources", "models", "nan-output", "model.onnx");

    @TempDir
    Path root;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void theBundledModelIsValid() {
        int exit = validate(DEFAULT_MODEL.toString(), "--reelrank.scoring.device", "cpu");

        assertThat(output()).startsWith("VALID ranker/1").contains("matches model.json").contains("on CPU");
        assertThat(exit).isZero();
    }

    @Test
    void aChecksumMismatchIsInvalidWithTheReason() throws Exception {
        Path version = copyDefault("2", json -> json.put("model_sha256", "0".repeat(64)));

        int exit = validate(version.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(output()).startsWith("INVALID ranker/2: ").contains("has sha256").contains("re-export");
    }

    @Test
    void aModelThatScoresNaNFailsTheCanary() throws Exception {
        byte[] nan = Files.readAllBytes(NAN_MODEL);
        Path version = copyDefault("3", json -> json.put("model_sha256", ModelRegistry.sha256Hex(nan)));
        Files.write(version.resolve(ModelRegistry.MODEL_FILE), nan);

        assertThat(validate(version.toString())).isEqualTo(1);
        assertThat(output()).contains("finite scores");
    }

    @Test
    void aStagedUploadFolderIsCheckedAsTheVersionItsModelJsonNames() throws Exception {
        Path upload = copyDefault(root.resolve("ranker").resolve(".5.upload"), "5", json -> { });

        int exit = validate(upload.toString());

        assertThat(output().lines().findFirst()).contains("VALID ranker/5 (" + upload.resolve("model.onnx") + ")");
        assertThat(exit).isZero();
    }

    @Test
    void anyDirectoryIsAcceptedAndTheWordValidateIsOptional() throws Exception {
        Path anywhere = copyDefault(root.resolve("trained-today"), "7", json -> { });

        int exit = ValidateModelMain.run(new String[] {anywhere.toString(), "--reelrank.scoring.device", "cpu"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(output()).startsWith("VALID ranker/7 (").contains("on CPU");
        assertThat(exit).isZero();
    }

    @Test
    void aStagedFolderIsRejectedLikeARegistryVersionAndTheMessageNamesIt() throws Exception {
        Path upload = copyDefault(root.resolve("ranker").resolve(".8.upload"),
                "8", json -> json.put("model_sha256", "0".repeat(64)));

        int exit = validate(upload.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(output().lines().findFirst().orElseThrow())
                .startsWith("INVALID ranker/8: " + upload.resolve("model.onnx") + " has sha256")
                .doesNotContain("reelrank-staged-");
    }

    @Test
    void aVersionInARegistryMustLieWhereItsModelJsonSays() throws Exception {
        Path misplaced = copyDefault(root.resolve("ranker").resolve("2"), "3", json -> { });

        assertThat(validate(misplaced.toString())).isEqualTo(1);
        assertThat(output()).startsWith("INVALID ranker/3: ").contains("describes ranker/3 but lies in ranker/2");
    }

    @Test
    void aFolderWithoutModelJsonIsInvalid() throws Exception {
        Path empty = Files.createDirectories(root.resolve("ranker").resolve(".9.upload"));

        assertThat(validate(empty.toString())).isEqualTo(1);
        assertThat(output()).startsWith("INVALID ranker/.9.upload: ").contains("model.json is missing");
    }

    @Test
    void aMissingDirectoryArgumentIsAUsageError() {
        assertThat(validate()).isEqualTo(2);
        assertThat(output()).startsWith("usage:");
    }

    private int validate(String... args) {
        String[] withVerb = new String[args.length + 1];
        withVerb[0] = "validate";
        System.arraycopy(args, 0, withVerb, 1, args.length);
        return ValidateModelMain.run(withVerb, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private Path copyDefault(String version, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        return copyDefault(root.resolve("ranker").resolve(version), version, edit);
    }

    /** The default model copied into {@code dir}, its model.json naming {@code version}. */
    static Path copyDefault(Path dir, String version, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        Files.createDirectories(dir);
        Files.copy(DEFAULT_MODEL.resolve(ModelRegistry.MODEL_FILE), dir.resolve(ModelRegistry.MODEL_FILE));
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(DEFAULT_MODEL.resolve(ModelRegistry.METADATA_FILE).toFile());
        json.put("version", version);
        edit.accept(json);
        Files.write(dir.resolve(ModelRegistry.METADATA_FILE), Json.MAPPER.writeValueAsBytes(json));
        return dir;
    }
}
