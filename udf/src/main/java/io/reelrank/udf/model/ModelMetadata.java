package io.reelrank.udf.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code model.json} beside every {@code model.onnx} in the registry, written by the export
 * code: which features, in which order, under which spec hash the model was trained; the names
 * of its input tensor ({@code float [batch, features.size()]}) and output tensor ({@code float
 * [batch, 1]} or {@code [batch]}); the sha256 of {@code model.onnx}; free-form training metrics;
 * optionally {@code score_range} {@code [min, max]}, the interval every score must lie in (a
 * sigmoid ranker: {@code [0, 1]}), which the canary batch checks.
 */
public record ModelMetadata(
        String name,
        String version,
        String featureSpecHash,
        List<String> features,
        String inputName,
        String outputName,
        String modelSha256,
        int opset,
        Map<String, Double> metrics,
        String trainedAt,
        List<Double> scoreRange) {

    public ModelMetadata {
        features = features == null ? List.of() : List.copyOf(features);
        // The trainer writes null for an undefined metric (AUC with one class); it means absent.
        metrics = metrics == null ? Map.of() : metrics.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        scoreRange = scoreRange == null ? null : List.copyOf(scoreRange);
    }

    /** Metadata without a declared score range: any finite score passes the canary. */
    public ModelMetadata(String name, String version, String featureSpecHash, List<String> features, String inputName,
            String outputName, String modelSha256, int opset, Map<String, Double> metrics, String trainedAt) {
        this(name, version, featureSpecHash, features, inputName, outputName, modelSha256, opset, metrics, trainedAt,
                null);
    }

    @JsonIgnore
    public ModelVersion modelVersion() {
        return new ModelVersion(name, version);
    }
}
