package io.reelrank.job.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.rank.FeatureSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a registry out of a job jar, or out of a build's classes directory, to local disk. */
class BundledRegistryTest {

    private static final Map<String, String> REGISTRY = Map.of(
            "models/registry/ranker/1/model.json", "{\"version\":\"1\"}",
            "models/registry/ranker/1/model.onnx", "onnx bytes",
            "models/registry/ranker/CURRENT", "1",
            "io/reelrank/Other.class", "not part of the registry");

    @TempDir
    Path dir;

    @Test
    void copiesTheFolderOutOfAJar() throws IOException {
        Path jar = jar(dir.resolve("job.jar"), REGISTRY);

        Path copy = BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp"));

        assertThat(copy.getParent()).isEqualTo(dir.resolve("tmp"));
        assertThat(copy.resolve("ranker/1/model.onnx")).hasContent("onnx bytes");
        assertThat(copy.resolve("ranker/1/model.json")).hasContent("{\"version\":\"1\"}");
        assertThat(copy.resolve("ranker/CURRENT")).hasContent("1");
        assertThat(copy.resolve("io")).doesNotExist();
    }

    @Test
    void copiesTheFolderOutOfAClassesDirectoryTheSameWay() throws IOException {
        Path classes = dir.resolve("classes");
        for (Map.Entry<String, String> file : REGISTRY.entrySet()) {
            Files.createDirectories(classes.resolve(file.getKey()).getParent());
            Files.writeString(classes.resolve(file.getKey()), file.getValue());
        }
        Path fromJar = BundledRegistry.copy(jar(dir.resolve("job.jar"), REGISTRY), "models/registry", dir.resolve("tmp"));

        assertThat(BundledRegistry.copy(classes, "models/registry", dir.resolve("tmp")))
                .as("same files, same copy").isEqualTo(fromJar);
    }

    @Test
    void theSameJarFindsItsCopyAndAnotherRegistryGetsItsOwn() throws IOException {
        Path jar = jar(dir.resolve("job.jar"), REGISTRY);
        Path first = BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp"));
        Path again = BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp"));
        Path other = BundledRegistry.copy(jar(dir.resolve("other.jar"), Map.of(
                "models/registry/ranker/2/model.onnx", "newer")), "models/registry", dir.resolve("tmp"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        try (var entries = Files.list(dir.resolve("tmp"))) {
            assertThat(entries).as("no staging directory left behind").containsExactlyInAnyOrder(first, other);
        }
    }

    @Test
    void aCopyThatWasChangedOnDiskIsNotServed() throws IOException {
        Path jar = jar(dir.resolve("job.jar"), REGISTRY);
        Path copy = BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp"));
        Files.writeString(copy.resolve("ranker/1/model.onnx"), "changed");

        assertThatThrownBy(() -> BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp")))
                .isInstanceOf(IOException.class).hasMessageContaining(copy + " holds other files");
    }

    @Test
    void aJarWithoutTheFolderSaysSo() throws IOException {
        Path jar = jar(dir.resolve("job.jar"), Map.of("io/reelrank/Other.class", "x"));

        assertThatThrownBy(() -> BundledRegistry.copy(jar, "models/registry", dir.resolve("tmp")))
                .isInstanceOf(IOException.class).hasMessageContaining("holds no files under models/registry");
    }

    @Test
    void onlyJarRootsAreBundled() {
        assertThat(BundledRegistry.isBundled("jar:models/registry")).isTrue();
        assertThat(BundledRegistry.isBundled("models/registry")).isFalse();
        assertThat(BundledRegistry.isBundled("s3://bucket/registry")).isFalse();
    }

    @Test
    void aContractV2ModelIsCopiedWithItsVocabularyAndLoads() throws Exception {
        Path fixture = Path.of("..", "udf", "src", "test", "resources", "models", "v2", "ranker");
        Map<String, byte[]> files = new TreeMap<>();
        for (String file : new String[] {"model.onnx", "model.json", "vocabulary.txt"}) {
            files.put("models/registry/ranker/2/" + file, Files.readAllBytes(fixture.resolve(file)));
        }

        Path copy = BundledRegistry.copy(jarOfBytes(dir.resolve("job.jar"), files), "models/registry", dir.resolve("tmp"));

        FeatureSpec spec = FeatureSpec.bundled();
        LoadedModel model = new ModelRegistry(copy.toString()).loadNewest("ranker", spec.names(), spec.hash());
        assertThat(model.vocabulary().index("v-b")).isEqualTo(3);
    }

    private static Path jar(Path path, Map<String, String> files) throws IOException {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return jarOfBytes(path, bytes);
    }

    private static Path jarOfBytes(Path path, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue());
                jar.closeEntry();
            }
        }
        return path;
    }
}
