package io.reelrank.udf.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed test models (made by src/test/resources/models/make_test_models.py) and the
 * linear formula they compute: score = x . w + b with w[i] = (i - 10) / 8, b = 0.25.
 */
public final class TestModels {

    public static final String MODEL_NAME = "ranker";
    public static final float BIAS = 0.25f;
    private static final Path FEATURE_SPEC = Path.of("..", "models", "features.json");

    private TestModels() {}

    public static Path resource(String relative) {
        try {
            return Path.of(TestModels.class.getResource("/models/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path registryRoot() {
        return resource("registry");
    }

    public static List<String> featureNames() {
        try {
            JsonNode spec = Json.MAPPER.readTree(Files.readAllBytes(FEATURE_SPEC));
            List<String> names = new ArrayList<>();
            spec.get("features").forEach(feature -> names.add(feature.get("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String specHash() {
        try {
            return ModelRegistry.sha256Hex(Files.readAllBytes(FEATURE_SPEC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int width() {
        return featureNames().size();
    }

    public static ModelSource source() {
        return new ModelSource(registryRoot().toString(), MODEL_NAME, featureNames(), specHash());
    }

    /** The committed ranker/1, loaded and verified by the registry. */
    public static LoadedModel linear() throws Exception {
        return source().loadNewest();
    }

    /** A model file outside the registry, described by ranker/1's metadata with its own checksum. */
    public static LoadedModel unregistered(String directory) throws Exception {
        Path file = resource(directory + "/model.onnx");
        byte[] bytes = Files.readAllBytes(file);
        ModelMetadata base = linear().metadata();
        ModelMetadata metadata = new ModelMetadata(base.name(), directory, base.featureSpecHash(), base.features(),
                base.inputName(), base.outputName(), ModelRegistry.sha256Hex(bytes), base.opset(), base.metrics(),
                base.trainedAt());
        return new LoadedModel(metadata, bytes, file.toString());
    }

    public static float weight(int column) {
        return (column - 10) / 8.0f;
    }

    /** The expected scores of row-major {@code features}, computed in double like a careful reference. */
    public static float[] expectedScores(float[] features, int width) {
        float[] scores = new float[features.length / width];
        for (int row = 0; row < scores.length; row++) {
            double sum = BIAS;
            for (int column = 0; column < width; column++) {
                sum += (double) features[row * width + column] * weight(column);
            }
            scores[row] = (float) sum;
        }
        return scores;
    }

    /** Deterministic, distinct feature rows: row r, column c holds a value unique to (seed, r, c). */
    public static float[] rows(int seed, int rows, int width) {
        float[] values = new float[rows * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((seed * 131 + i * 17) % 23) / 16.0f - 0.5f;
        }
        return values;
    }
}
