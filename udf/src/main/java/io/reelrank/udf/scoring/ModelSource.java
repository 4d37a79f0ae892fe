package io.reelrank.udf.scoring;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Where a scorer finds its model and what the model must have been trained on: the registry
 * root (path or Flink file system URI), the model name, the feature names the job computes in
 * column order, and the sha256 of the job's feature spec file.
 */
public record ModelSource(String registryRoot, String modelName, List<String> expectedFeatures, String expectedSpecHash)
        implements Serializable {

    public ModelSource {
        if (registryRoot == null || registryRoot.isBlank() || modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("model source needs a registry root and a model name");
        }
        if (expectedFeatures == null || expectedFeatures.isEmpty()) {
            throw new IllegalArgumentException("model source needs the feature names the job computes");
        }
        expectedFeatures = List.copyOf(expectedFeatures);
    }

    /** The version to serve now: the pinned one, else the newest valid one. */
    public LoadedModel loadNewest() throws IOException, InvalidModelException {
        return new ModelRegistry(registryRoot).loadNewest(modelName, expectedFeatures, expectedSpecHash);
    }
}
