package io.reelrank.bench;

import io.reelrank.cli.UsageException;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One model version under test ({@code --models}), served from a registry of its own that holds
 * only that version, so the job's usual "newest valid version" rule serves exactly it.
 *
 * @param label how the report names it, {@code <name>/<version>}
 * @param registry the one-version registry the job reads
 * @param contractVersion 1 for a feature-row model, 2 for a model with sequence and id inputs
 */
record BenchModel(String label, String name, String version, String registry, int contractVersion) {

    /**
     * The models {@code specs} name, each {@code [<registry>:]<name>/<version>} (the registry
     * defaults to the job's), or, with no specs, the newest valid version of each contract of the
     * job's model: the feature-row MLP and the sequence model side by side. Their one-version
     * registries go under {@code pinnedRoot}.
     */
    static List<BenchModel> resolve(List<String> specs, ModelSource jobModel, Path pinnedRoot) throws IOException {
        List<BenchModel> models = new ArrayList<>();
        if (specs.isEmpty()) {
            for (int contract : new int[] {1, 2}) {
                String newest = newestOfContract(jobModel, contract);
                if (newest != null) {
                    models.add(pin(jobModel.registryRoot(), jobModel.modelName(), newest, jobModel, pinnedRoot));
                }
            }
            if (models.isEmpty()) {
                throw new UsageException("no valid version of " + jobModel.modelName() + " under "
                        + jobModel.registryRoot() + "; name the models to measure with --models");
            }
            return models;
        }
        for (String spec : specs) {
            int colon = spec.lastIndexOf(':');
            String registry = colon < 0 ? jobModel.registryRoot() : spec.substring(0, colon);
            String[] nameVersion = spec.substring(colon + 1).split("/");
            if (nameVersion.length != 2 || nameVersion[0].isBlank() || nameVersion[1].isBlank()) {
                throw new UsageException("--models takes [<registry>:]<name>/<version>, not '" + spec + "'");
            }
            models.add(pin(registry, nameVersion[0], nameVersion[1], jobModel, pinnedRoot));
        }
        return models;
    }

    private static String newestOfContract(ModelSource jobModel, int contract) throws IOException {
        for (String version : jobModel.registry().versions(jobModel.modelName())) {
            try {
                if (contractOf(jobModel.load(version)) == contract) {
                    return version;
                }
            } catch (InvalidModelException e) {
                // Not servable, so not what the job would measure either; the next older one may be.
            }
        }
        return null;
    }

    /** Validates the version as the job would and copies it into a registry of its own. */
    private static BenchModel pin(String registry, String name, String version, ModelSource jobModel,
                                  Path pinnedRoot) throws IOException {
        ModelSource source = new ModelSource(registry, name, jobModel.expectedFeatures(), jobModel.expectedSpecHash());
        LoadedModel model;
        try {
            model = source.load(version);
        } catch (InvalidModelException e) {
            throw new UsageException("--models: " + registry + ":" + name + "/" + version + " cannot serve: "
                    + e.getMessage());
        }
        Path from = Path.of(registry, name, version);
        if (!Files.isDirectory(from)) {
            throw new UsageException("--models: the benchmark copies versions from a local registry; "
                    + from + " is not a directory");
        }
        Path pinned = pinnedRoot.resolve(name + "-" + version).toAbsolutePath();
        deleteRecursively(pinned);
        Path to = Files.createDirectories(pinned.resolve(name).resolve(version));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return new BenchModel(name + "/" + version, name, version, pinned.toString(), contractOf(model));
    }

    private static int contractOf(LoadedModel model) {
        return model.metadata().isV2() ? 2 : 1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
