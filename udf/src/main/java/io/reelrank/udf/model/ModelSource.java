package io.reelrank.udf.model;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Where a scorer finds its model and what the model must have been trained on: the registry
 * root (path or Flink file system URI), the model name, the feature names the job computes in
 * column order, and the sha256 of the job's feature spec file.
 *
 * <p>{@code pollInterval} is how often the running job looks for a new version ({@link
 * ModelWatcher}); zero loads once at start. {@code shadowVersion} names a version to score
 * beside the serving one for comparison only; null reads the registry's {@code SHADOW} pointer.
 */
public record ModelSource(
        String registryRoot,
        String modelName,
        List<String> expectedFeatures,
        String expectedSpecHash,
        Duration pollInterval,
        String shadowVersion)
        implements Serializable {

    /** A source that loads once at start and never shadow-scores unless the registry says so. */
    public ModelSource(String registryRoot, String modelName, List<String> expectedFeatures, String expectedSpecHash) {
        this(registryRoot, modelName, expectedFeatures, expectedSpecHash, Duration.ZERO, null);
    }

    public ModelSource {
        if (registryRoot == null || registryRoot.isBlank() || modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("model source needs a registry root and a model name");
        }
        if (expectedFeatures == null || expectedFeatures.isEmpty()) {
            throw new IllegalArgumentException("model source needs the feature names the job computes");
        }
        expectedFeatures = List.copyOf(expectedFeatures);
        if (pollInterval == null || pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be >= 0 (0 = load once), got " + pollInterval);
        }
        if (shadowVersion != null && shadowVersion.isBlank()) {
            shadowVersion = null;
        }
    }

    public ModelSource withPollInterval(Duration interval) {
        return new ModelSource(registryRoot, modelName, expectedFeatures, expectedSpecHash, interval, shadowVersion);
    }

    public ModelSource withShadowVersion(String version) {
        return new ModelSource(registryRoot, modelName, expectedFeatures, expectedSpecHash, pollInterval, version);
    }

    public ModelRegistry registry() {
        return new ModelRegistry(registryRoot);
    }

    /** Reads and checks one version against this source's features and spec hash. */
    public LoadedModel load(String version) throws IOException, InvalidModelException {
        return registry().load(modelName, version, expectedFeatures, expectedSpecHash);
    }

    /** The version to serve now: the pinned one, else the newest valid one. */
    public LoadedModel loadNewest() throws IOException, InvalidModelException {
        return new ModelRegistry(registryRoot).loadNewest(modelName, expectedFeatures, expectedSpecHash);
    }
}
