package io.reelrank.udf.rank;

import io.reelrank.udf.features.FeatureSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.VideoEntry;
import java.util.List;

/**
 * Writes one float row per (user, candidate) in exactly the spec's order into a row-major
 * matrix, so a whole request becomes one array and, later, one tensor. Windows the spec
 * assumes must match the configured windows, or the job refuses to start.
 */
public final class FeatureAssembler {
    private final List<FeatureDefinition> definitions;
    private final FeatureExtractor[] extractors;

    public FeatureAssembler(FeatureSpec spec, FeatureSettings settings) {
        spec.windows().forEach((name, lengthMs) -> {
            long configured = settings.windows()[settings.windowIndex(name)].lengthMs();
            if (configured != lengthMs) {
                throw new IllegalArgumentException("window '" + name + "' is " + configured
                        + " ms in the job but " + lengthMs + " ms in the feature spec");
            }
        });
        this.definitions = spec.features();
        this.extractors = definitions.stream()
                .map(d -> FeatureExtractors.forName(d.name(), settings, spec))
                .toArray(FeatureExtractor[]::new);
    }

    public int width() {
        return extractors.length;
    }

    /** Fills row {@code row} of {@code matrix} (row-major, {@link #width()} columns). */
    public void assemble(UserFeatures user, VideoEntry video, long now, float[] matrix, int row) {
        int offset = row * extractors.length;
        for (int i = 0; i < extractors.length; i++) {
            matrix[offset + i] = definitions.get(i).apply(extractors[i].extract(user, video, now));
        }
    }
}
