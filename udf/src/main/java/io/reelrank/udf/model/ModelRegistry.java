package io.reelrank.udf.model;

import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads models from a registry laid out as {@code <root>/<name>/<version>/model.onnx} with
 * {@code model.json} beside it, and for a contract v2 model that reads video ids the vocabulary
 * file its model.json names ({@link Vocabulary}). The root is a local path or any Flink file system URI ({@code
 * s3://...}, {@code hdfs://...}), so the job reads models wherever its checkpoints can live.
 *
 * <p>Without a pointer the newest version that passes validation is loaded; invalid newer
 * versions are logged and skipped, so a half-uploaded export never stops a job from starting. A
 * {@code CURRENT} file in {@code <root>/<name>/} naming a version pins that version instead, and
 * then {@link #loadNewest} fails on an invalid pinned version rather than fall back silently (tools
 * and benchmarks load this way). The running job chooses through {@link ModelWatcher}, where such
 * a pointer is reported and never stops it. Directories whose names start with {@code .} or {@code
 * _} are uploads in progress and are ignored.
 */
public final class ModelRegistry {

    public static final String MODEL_FILE = "model.onnx";
    public static final String METADATA_FILE = "model.json";
    public static final String POINTER_FILE = "CURRENT";
    /** Optional pointer beside CURRENT naming a version to shadow-score (see {@link ModelWatcher}). */
    public static final String SHADOW_POINTER_FILE = "SHADOW";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Path root;

    public ModelRegistry(String rootUri) {
        this.root = new Path(rootUri);
    }

    /** The versions of {@code modelName} present in the registry, newest first. */
    public List<String> versions(String modelName) throws IOException {
        Path modelDir = new Path(root, modelName);
        FileSystem fs = modelDir.getFileSystem();
        FileStatus[] entries = fs.exists(modelDir) ? fs.listStatus(modelDir) : null;
        List<String> versions = new ArrayList<>();
        if (entries != null) {
            for (FileStatus entry : entries) {
                String name = entry.getPath().getName();
                if (entry.isDir() && !name.startsWith(".") && !name.startsWith("_")) {
                    versions.add(name);
                }
            }
        }
        versions.sort(VersionOrder.OLDEST_FIRST.reversed());
        return versions;
    }

    /**
     * Loads the version the {@code CURRENT} pointer names, or else the newest valid version, and
     * checks it was trained on exactly {@code expectedFeatures} from the spec hashing to {@code
     * expectedSpecHash}.
     */
    public LoadedModel loadNewest(String modelName, List<String> expectedFeatures, String expectedSpecHash)
            throws IOException, InvalidModelException {
        String pinned = pinnedVersion(modelName);
        if (pinned != null) {
            return load(modelName, pinned, expectedFeatures, expectedSpecHash);
        }
        List<String> versions = versions(modelName);
        if (versions.isEmpty()) {
            throw new InvalidModelException(
                    "no versions of model '" + modelName + "' under " + new Path(root, modelName)
                            + ": export one to <registry>/" + modelName + "/<version>/{model.onnx,model.json}");
        }
        List<String> rejections = new ArrayList<>();
        for (String version : versions) {
            try {
                return load(modelName, version, expectedFeatures, expectedSpecHash);
            } catch (InvalidModelException | IOException e) {
                LOG.warn("Skipping model {}/{}: {}", modelName, version, e.getMessage());
                rejections.add(version + ": " + e.getMessage());
            }
        }
        throw new InvalidModelException(
                "no valid version of model '" + modelName + "' under " + new Path(root, modelName) + ":\n  "
                        + String.join("\n  ", rejections));
    }

    /** Loads and validates one version. */
    public LoadedModel load(String modelName, String version, List<String> expectedFeatures, String expectedSpecHash)
            throws IOException, InvalidModelException {
        Path versionDir = new Path(new Path(root, modelName), version);
        Path metadataPath = new Path(versionDir, METADATA_FILE);
        Path modelPath = new Path(versionDir, MODEL_FILE);
        ModelMetadata metadata = readMetadata(metadataPath);
        if (!modelName.equals(metadata.name()) || !version.equals(metadata.version())) {
            throw new InvalidModelException(
                    metadataPath + " describes " + metadata.name() + "/" + metadata.version() + " but lies in "
                            + modelName + "/" + version + ": fix its name/version or move the directory");
        }
        ModelChecks.featuresMatch(metadata, metadataPath, expectedFeatures, expectedSpecHash);
        ModelContract.check(metadata, metadataPath);
        byte[] bytes = readAll(modelPath);
        String actualSha = sha256Hex(bytes);
        if (!actualSha.equalsIgnoreCase(metadata.modelSha256())) {
            throw new InvalidModelException(
                    modelPath + " has sha256 " + actualSha + " but " + metadataPath + " says model_sha256 = "
                            + metadata.modelSha256()
                            + ": the upload is incomplete or the metadata is stale; re-export this version");
        }
        return new LoadedModel(metadata, bytes, modelPath.toString(), readVocabulary(versionDir, metadata));
    }

    /** The vocabulary model.json declares, read from the version directory and verified; null when none. */
    private static Vocabulary readVocabulary(Path versionDir, ModelMetadata metadata)
            throws IOException, InvalidModelException {
        ModelMetadata.VocabularyFile declared = metadata.isV2() ? metadata.vocabulary() : null;
        if (declared == null) {
            return null;
        }
        if (declared.file() == null || declared.file().isBlank() || declared.file().contains("/")) {
            throw new InvalidModelException(new Path(versionDir, METADATA_FILE) + " names vocabulary file '"
                    + declared.file() + "'; name a file beside model.onnx, e.g. vocabulary.txt");
        }
        Path file = new Path(versionDir, declared.file());
        if (!file.getFileSystem().exists(file)) {
            throw new InvalidModelException(file + " is missing: model.json declares it as the vocabulary;"
                    + " upload it with the model");
        }
        return Vocabulary.read(readAll(file), declared, file);
    }

    /** The version the {@code CURRENT} pointer names, or null without a pointer. */
    public String pinnedVersion(String modelName) throws IOException {
        return pointer(modelName, POINTER_FILE);
    }

    /** The version the {@code SHADOW} pointer names, or null without one. */
    public String shadowVersion(String modelName) throws IOException {
        return pointer(modelName, SHADOW_POINTER_FILE);
    }

    /**
     * What a version's files are now: a hash of model.json plus the size and modification time of
     * model.onnx and of any other file there (a v2 vocabulary). A rejected version is retried only when this changes, so a bad export is not
     * re-read every poll but a re-uploaded one is.
     */
    public String fingerprint(String modelName, String version) throws IOException {
        Path versionDir = new Path(new Path(root, modelName), version);
        Path metadataPath = new Path(versionDir, METADATA_FILE);
        Path modelPath = new Path(versionDir, MODEL_FILE);
        FileSystem fs = versionDir.getFileSystem();
        String metadata = fs.exists(metadataPath) ? sha256Hex(readAll(metadataPath)) : "no-metadata";
        String model = "no-model";
        if (fs.exists(modelPath)) {
            FileStatus status = fs.getFileStatus(modelPath);
            model = status.getLen() + "@" + status.getModificationTime();
        }
        List<String> others = new ArrayList<>();
        FileStatus[] files = fs.exists(versionDir) ? fs.listStatus(versionDir) : null;
        for (FileStatus file : files == null ? new FileStatus[0] : files) {
            String name = file.getPath().getName();
            if (!file.isDir() && !name.equals(METADATA_FILE) && !name.equals(MODEL_FILE)) {
                others.add(name + "=" + file.getLen() + "@" + file.getModificationTime());
            }
        }
        others.sort(null);
        return modelName + "/" + version + ":" + metadata + ":" + model + (others.isEmpty() ? "" : ":" + others);
    }

    private String pointer(String modelName, String fileName) throws IOException {
        Path pointer = new Path(new Path(root, modelName), fileName);
        if (!pointer.getFileSystem().exists(pointer)) {
            return null;
        }
        String version = new String(readAll(pointer), StandardCharsets.UTF_8).trim();
        if (version.isEmpty()) {
            throw new IOException(pointer + " is empty: write the version to serve into it, or delete it");
        }
        return version;
    }

    private static ModelMetadata readMetadata(Path metadataPath) throws IOException, InvalidModelException {
        if (!metadataPath.getFileSystem().exists(metadataPath)) {
            throw new InvalidModelException(metadataPath + " is missing: every model version needs its model.json");
        }
        try {
            return Json.MAPPER.readValue(readAll(metadataPath), ModelMetadata.class);
        } catch (IOException e) {
            throw new InvalidModelException(metadataPath + " is not valid model metadata: " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path path) throws IOException {
        try (InputStream in = path.getFileSystem().open(path)) {
            return in.readAllBytes();
        }
    }

    /** Lower-case hex sha256, as {@code sha256sum} and Python's {@code hexdigest()} write it. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
