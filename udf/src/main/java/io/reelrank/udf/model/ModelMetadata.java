package io.reelrank.udf.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code model.json} beside every {@code model.onnx} in the registry, written by the export
 * code: which features, in which order, under which spec hash the model was trained; the sha256
 * of {@code model.onnx}; free-form training metrics; optionally {@code score_range} {@code [min,
 * max]}, the interval every (fused) score must lie in (a sigmoid ranker: {@code [0, 1]}), which
 * the canary batch checks.
 *
 * <p>Contract v1 (no {@code contract_version}, or 1): one input tensor {@code input_name}
 * ({@code float [batch, features.size()]}) and one output {@code output_name} ({@code [batch, 1]}
 * or {@code [batch]}). Contract v2 ({@link ModelContract}): the {@code inputs} the model reads by
 * name, one or more float heads in {@code outputs}, {@code history_length}, the {@code
 * vocabulary} file and default fusion {@code objectives}.
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
        List<Double> scoreRange,
        Integer contractVersion,
        List<String> inputs,
        List<String> outputs,
        Integer historyLength,
        VocabularyFile vocabulary,
        Map<String, Double> objectives) {

    /** {@code model.json}'s {@code vocabulary}: the file beside model.onnx, its sha256 and line count. */
    public record VocabularyFile(String file, String sha256, int size) {}

    public ModelMetadata {
        features = features == null ? List.of() : List.copyOf(features);
        // The trainer writes null for an undefined metric (AUC with one class); it means absent.
        metrics = metrics == null ? Map.of() : metrics.entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        scoreRange = scoreRange == null ? null : List.copyOf(scoreRange);
        inputs = inputs == null ? null : List.copyOf(inputs);
        outputs = outputs == null ? null : List.copyOf(outputs);
        // Insertion order kept: messages and metrics list the heads as model.json does.
        objectives = objectives == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
    }

    /** Contract v1 metadata. */
    public ModelMetadata(String name, String version, String featureSpecHash, List<String> features, String inputName,
            String outputName, String modelSha256, int opset, Map<String, Double> metrics, String trainedAt,
            List<Double> scoreRange) {
        this(name, version, featureSpecHash, features, inputName, outputName, modelSha256, opset, metrics, trainedAt,
                scoreRange, null, null, null, null, null, null);
    }

    /** Contract v1 metadata without a declared score range: any finite score passes the canary. */
    public ModelMetadata(String name, String version, String featureSpecHash, List<String> features, String inputName,
            String outputName, String modelSha256, int opset, Map<String, Double> metrics, String trainedAt) {
        this(name, version, featureSpecHash, features, inputName, outputName, modelSha256, opset, metrics, trainedAt,
                null);
    }

    @JsonIgnore
    public ModelVersion modelVersion() {
        return new ModelVersion(name, version);
    }

    /** True for contract v2: inputs by name, several heads, history and ids. */
    @JsonIgnore
    public boolean isV2() {
        return contractVersion != null && contractVersion >= 2;
    }

    /** The output heads the model returns: v2's {@code outputs}, v1's {@code output_name} alone. */
    @JsonIgnore
    public List<String> heads() {
        if (isV2()) {
            return outputs == null ? List.of() : outputs;
        }
        return outputName == null ? List.of() : List.of(outputName);
    }
}
