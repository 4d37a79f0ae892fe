package io.reelrank.job;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelMetadata;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.rank.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.fs.Path;

/**
 * One model version directory, wherever it lies: in a registry ({@code <root>/<name>/<version>}),
 * in the trainer's staging folder, or in a hidden upload folder such as {@code
 * <root>/ranker/.5.upload}. Its {@code model.json} says which version it is. A directory named
 * like a version inside a folder named like its model is checked where it lies, as the running
 * job would; any other directory is checked as the version its {@code model.json} names.
 *
 * <p>Its files (model.json, model.onnx and, for a contract v2 model that reads video ids, the
 * vocabulary file model.json names) are read once, so the bytes that pass the checks are the bytes
 * a publish writes.
 */
final class StagedModel {
    /** Names the registry lists: a leading '.' or '_' marks an upload in progress, never a version. */
    private static final Pattern REGISTRY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path dir;
    private final byte[] metadataJson;
    private final byte[] model;
    private final ModelVersion version;
    /** The vocabulary file's name and bytes; null when model.json declares none. */
    private final String vocabularyFile;
    private final byte[] vocabulary;

    private StagedModel(Path dir, byte[] metadataJson, byte[] model, ModelVersion version, String vocabularyFile,
                        byte[] vocabulary) {
        this.dir = dir;
        this.metadataJson = metadataJson;
        this.model = model;
        this.version = version;
        this.vocabularyFile = vocabularyFile;
        this.vocabulary = vocabulary;
    }

    /** Reads {@code dir}'s two files; refuses a directory without them or whose model.json names no registry version. */
    static StagedModel read(Path dir) throws IOException, InvalidModelException {
        Path metadataPath = new Path(dir, ModelRegistry.METADATA_FILE);
        byte[] metadataJson = readRequired(metadataPath, "every model version needs its model.json");
        ModelMetadata metadata;
        try {
            metadata = Json.MAPPER.readValue(metadataJson, ModelMetadata.class);
        } catch (IOException e) {
            throw new InvalidModelException(metadataPath + " is not valid model metadata: " + e.getMessage(), e);
        }
        for (String name : new String[] {metadata.name(), metadata.version()}) {
            if (name == null || !REGISTRY_NAME.matcher(name).matches()) {
                throw new InvalidModelException(metadataPath + " names model " + metadata.name() + " version "
                        + metadata.version() + ": both must be letters, digits, '.', '_' or '-', not starting with"
                        + " '.' or '_' (the registry ignores such names); re-export it");
            }
        }
        byte[] model = readRequired(new Path(dir, ModelRegistry.MODEL_FILE), "export the model next to its model.json");
        ModelMetadata.VocabularyFile declared = metadata.isV2() ? metadata.vocabulary() : null;
        String vocabularyFile = null;
        byte[] vocabulary = null;
        if (declared != null && declared.file() != null && REGISTRY_NAME.matcher(declared.file()).matches()) {
            vocabularyFile = declared.file();
            vocabulary = readRequired(new Path(dir, vocabularyFile), "model.json declares it as the vocabulary;"
                    + " export it next to model.json");
        }
        return new StagedModel(dir, metadataJson, model, metadata.modelVersion(), vocabularyFile, vocabulary);
    }

    Path dir() {
        return dir;
    }

    /** The version its model.json names. */
    ModelVersion version() {
        return version;
    }

    byte[] metadataJson() {
        return metadataJson.clone();
    }

    byte[] model() {
        return model.clone();
    }

    /** The vocabulary file's name, or null when the model has none. */
    String vocabularyFile() {
        return vocabularyFile;
    }

    byte[] vocabulary() {
        return vocabulary == null ? null : vocabulary.clone();
    }

    /**
     * Runs the registry's checks (name and version, feature names and spec hash against {@code
     * spec}, checksum) and returns the model for the ONNX checks. {@link ModelRegistry} reads a
     * version only at {@code <root>/<name>/<version>}, so the files are checked as the one version
     * of a scratch registry: the checks stay the job's own, with this directory in their messages.
     */
    LoadedModel load(FeatureSpec spec) throws IOException, InvalidModelException {
        java.nio.file.Path scratch = Files.createTempDirectory("reelrank-staged-");
        try {
            String placedVersion = liesInRegistry() ? dir.getName() : version.version();
            java.nio.file.Path placed = Files.createDirectories(scratch.resolve(version.name()).resolve(placedVersion));
            Files.write(placed.resolve(ModelRegistry.METADATA_FILE), metadataJson);
            Files.write(placed.resolve(ModelRegistry.MODEL_FILE), model);
            if (vocabulary != null) {
                Files.write(placed.resolve(vocabularyFile), vocabulary);
            }
            ModelSource source = new ModelSource(scratch.toString(), version.name(), spec.names(), spec.hash());
            try {
                LoadedModel loaded = source.load(placedVersion);
                return new LoadedModel(loaded.metadata(), loaded.onnxBytes(),
                        new Path(dir, ModelRegistry.MODEL_FILE).toString(), loaded.vocabulary());
            } catch (InvalidModelException e) {
                String scratchDir = new Path(new Path(new Path(scratch.toString()), version.name()), placedVersion).toString();
                throw new InvalidModelException(e.getMessage().replace(scratchDir, dir.toString()), e);
            }
        } finally {
            deleteRecursively(scratch);
        }
    }

    private boolean liesInRegistry() {
        return dir.getParent() != null && version.name().equals(dir.getParent().getName())
                && REGISTRY_NAME.matcher(dir.getName()).matches();
    }

    private static byte[] readRequired(Path file, String remedy) throws IOException, InvalidModelException {
        if (!file.getFileSystem().exists(file)) {
            throw new InvalidModelException(file + " is missing: " + remedy);
        }
        try (InputStream in = file.getFileSystem().open(file)) {
            return in.readAllBytes();
        }
    }

    private static void deleteRecursively(java.nio.file.Path root) throws IOException {
        try (Stream<java.nio.file.Path> paths = Files.walk(root)) {
            for (java.nio.file.Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
