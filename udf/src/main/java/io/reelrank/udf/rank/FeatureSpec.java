package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The model feature spec ({@code models/features.json}, packaged in the jar as {@value
 * #RESOURCE}): feature names in model-input order, their transforms, and the spec's hash. The
 * hash is SHA-256 of the file with CRLF normalised to LF, computed the same way by the Python
 * training code, so a model records which spec it was trained on.
 */
public final class FeatureSpec implements Serializable {

    public static final String RESOURCE = "/reelrank/features.json";

    private final List<FeatureDefinition> features;
    private final Map<String, Long> windows;
    private final Map<String, Long> halfLives;
    private final String hash;

    private FeatureSpec(List<FeatureDefinition> features, Map<String, Long> windows, Map<String, Long> halfLives,
                        String hash) {
        this.features = List.copyOf(features);
        this.windows = Map.copyOf(windows);
        this.halfLives = Map.copyOf(halfLives);
        this.hash = hash;
    }

    /** The spec bundled with this build of ReelRank. */
    public static FeatureSpec bundled() {
        try (InputStream in = FeatureSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; build with Maven");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FeatureSpec parse(byte[] specFile) {
        String text = new String(specFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
        SpecFile file = Json.fromJson(text, SpecFile.class);
        if (file.features() == null || file.features().isEmpty()) {
            throw new IllegalArgumentException("feature spec lists no features");
        }
        Map<String, Long> halfLives = file.halfLives() == null ? Map.of() : file.halfLives();
        halfLives.forEach((name, ms) -> {
            if (ms == null || ms <= 0) {
                throw new IllegalArgumentException("feature spec half-life '" + name + "' must be a positive number of ms");
            }
        });
        return new FeatureSpec(file.features(), file.windows() == null ? Map.of() : file.windows(), halfLives,
                sha256(text));
    }

    public List<FeatureDefinition> features() {
        return features;
    }

    public List<String> names() {
        return features.stream().map(FeatureDefinition::name).toList();
    }

    public int width() {
        return features.size();
    }

    /** Window lengths by name ("1h" -> 3600000) that the spec's windowed features assume. */
    public Map<String, Long> windows() {
        return windows;
    }

    /** The half-life in ms that the spec names {@code name} ("30d"), for decayed features. */
    public long halfLifeMs(String name) {
        Long ms = halfLives.get(name);
        if (ms == null) {
            throw new IllegalArgumentException("the feature spec defines no half-life '" + name
                    + "' (half_lives: " + halfLives.keySet() + ")");
        }
        return ms;
    }

    public String hash() {
        return hash;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private record SpecFile(String name, int version, Map<String, Long> windows,
                            Map<String, Long> halfLives, List<FeatureDefinition> features) {}
}
