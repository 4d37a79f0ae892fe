package io.reelrank.udf.scoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} beside every {@code model.onnx} in the registry, written by the export
 * code: which features, in which order, under which spec hash the model was trained; the names
 * of its input tensor ({@code float [batch, features.size()]}) and output tensor ({@code float
 * [batch, 1]} or {@code [batch]}); the sha256 of {@code model.onnx}; free-form training metrics.
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
        String trainedAt) {

    public ModelMetadata {
        features = features == null ? List.of() : List.copyOf(features);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    @JsonIgnore
    public ModelVersion modelVersion() {
        return new ModelVersion(name, version);
    }
}
