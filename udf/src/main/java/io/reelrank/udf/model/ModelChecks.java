package io.reelrank.udf.model;

import java.util.List;

/** Checks that a model was trained on the features the job computes, with messages that say what differs. */
final class ModelChecks {

    private ModelChecks() {}

    static void featuresMatch(
            ModelMetadata metadata, Object metadataLocation, List<String> expectedFeatures, String expectedSpecHash)
            throws InvalidModelException {
        List<String> actual = metadata.features();
        if (!actual.equals(expectedFeatures)) {
            throw new InvalidModelException(
                    metadataLocation + ": model " + metadata.modelVersion() + " was trained on features "
                            + describeDifference(actual, expectedFeatures)
                            + "; re-export it against the job's models/features.json, or run the job version"
                            + " whose feature spec it was trained with");
        }
        if (expectedSpecHash != null && !expectedSpecHash.equalsIgnoreCase(metadata.featureSpecHash())) {
            throw new InvalidModelException(
                    metadataLocation + ": model " + metadata.modelVersion() + " was trained with feature spec sha256 "
                            + metadata.featureSpecHash() + " but the job's spec hashes to " + expectedSpecHash
                            + ": the same names may be computed or transformed differently; retrain against"
                            + " the job's models/features.json");
        }
    }

    private static String describeDifference(List<String> model, List<String> job) {
        int common = Math.min(model.size(), job.size());
        for (int i = 0; i < common; i++) {
            if (!model.get(i).equals(job.get(i))) {
                return "that differ at position " + i + ": model has '" + model.get(i) + "', job computes '"
                        + job.get(i) + "'";
            }
        }
        return "of a different count: model has " + model.size() + ", job computes " + job.size();
    }
}
