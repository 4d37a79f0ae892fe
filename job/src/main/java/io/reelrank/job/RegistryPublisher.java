package io.reelrank.job;

import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.model.ModelVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystem.WriteMode;
import org.apache.flink.core.fs.Path;

/**
 * Writes a validated model version into a registry (a local path or any Flink file system URI)
 * so that the running job, which may look at any moment, never serves half of it.
 *
 * <p>On the local file system the files go into a hidden sibling ({@code .<version>.upload-*},
 * which the job ignores) that one rename turns into the version. Elsewhere a rename is not known
 * to be atomic (object stores copy file by file; HDFS moves into a directory that appeared
 * meanwhile), so the files are written in place, {@code model.onnx} (and a v2 model's vocabulary)
 * first and {@code model.json} last: until the two match, the job rejects the version and retries when its files change.
 * Versions are immutable: an existing one is never overwritten.
 */
final class RegistryPublisher {

    /** The version is already in the registry; nothing was written. */
    static final class VersionExistsException extends Exception {
        private static final long serialVersionUID = 1L;

        VersionExistsException(Path target) {
            super(target + " already exists; registry versions are immutable: stage the model under a new version");
        }
    }

    private final Path root;

    RegistryPublisher(Path root) {
        this.root = root;
    }

    /** Where {@code version} lies in this registry. */
    Path versionDir(ModelVersion version) {
        return new Path(new Path(root, version.name()), version.version());
    }

    /** Publishes {@code model} as the version its model.json names and returns its directory. */
    Path publish(StagedModel model) throws IOException, VersionExistsException {
        Path target = versionDir(model.version());
        FileSystem fs = target.getFileSystem();
        if (fs.exists(target)) {
            throw new VersionExistsException(target);
        }
        boolean viaRename = renameIsAtomic(fs);
        Path written = viaRename ? new Path(target.getParent(), "." + model.version().version()
                + ".upload-" + UUID.randomUUID().toString().substring(0, 8)) : target;
        try {
            fs.mkdirs(written);
            write(fs, new Path(written, ModelRegistry.MODEL_FILE), model.model());
            if (model.vocabularyFile() != null) {
                write(fs, new Path(written, model.vocabularyFile()), model.vocabulary());
            }
            write(fs, new Path(written, ModelRegistry.METADATA_FILE), model.metadataJson());
            if (viaRename && !fs.rename(written, target)) {
                throw new VersionExistsException(target);
            }
        } catch (IOException | VersionExistsException | RuntimeException e) {
            fs.delete(written, true);
            throw e;
        }
        return target;
    }

    /** Points {@code <root>/<name>/CURRENT} at {@code version}: readers see the old pointer or the new one. */
    void pointCurrentAt(ModelVersion version) throws IOException {
        Path pointer = new Path(new Path(root, version.name()), ModelRegistry.POINTER_FILE);
        FileSystem fs = pointer.getFileSystem();
        byte[] line = (version.version() + "\n").getBytes(StandardCharsets.UTF_8);
        if (!renameIsAtomic(fs)) {
            // One small object: an object store shows it whole or not at all.
            write(fs, pointer, line);
            return;
        }
        Path temporary = new Path(pointer.getParent(), "." + ModelRegistry.POINTER_FILE + "-" + UUID.randomUUID());
        write(fs, temporary, line);
        if (!fs.rename(temporary, pointer)) {
            fs.delete(temporary, false);
            throw new IOException("could not replace " + pointer + " with " + temporary);
        }
    }

    /** The version CURRENT names, or null without a pointer. */
    String currentVersion(String modelName) throws IOException {
        return new ModelRegistry(root.toString()).pinnedVersion(modelName);
    }

    private static boolean renameIsAtomic(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    private static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(file, WriteMode.OVERWRITE)) {
            out.write(bytes);
        }
    }
}
