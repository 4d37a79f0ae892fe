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
    private final FeatureExtractor[] extractors;
    // The spec's definitions as columns, so a row costs no per-value lookups (see assemble).
    private final FeatureTransform[] transforms;
    private final float[] lower;
    private final float[] upper;
    private final float[] defaults;

    public FeatureAssembler(FeatureSpec spec, FeatureSettings settings) {
        spec.windows().forEach((name, lengthMs) -> {
            long configured = settings.windows()[settings.windowIndex(name)].lengthMs();
            if (configured != lengthMs) {
                throw new IllegalArgumentException("window '" + name + "' is " + configured
                        + " ms in the job but " + lengthMs + " ms in the feature spec");
            }
        });
        List<FeatureDefinition> definitions = spec.features();
        int width = definitions.size();
        this.extractors = new FeatureExtractor[width];
        this.transforms = new FeatureTransform[width];
        this.lower = new float[width];
        this.upper = new float[width];
        this.defaults = new float[width];
        for (int i = 0; i < width; i++) {
            FeatureDefinition definition = definitions.get(i);
            extractors[i] = FeatureExtractors.forName(definition.name(), settings);
            transforms[i] = FeatureTransform.named(definition.transform());
            lower[i] = definition.clip()[0];
            upper[i] = definition.clip()[1];
            defaults[i] = definition.defaultValue();
        }
    }

    public int width() {
        return extractors.length;
    }

    /**
     * Fills row {@code row} of {@code matrix} (row-major, {@link #width()} columns): each value
     * as {@link FeatureDefinition#apply} maps it, computed from the columns above because this
     * runs for every candidate of every request.
     */
    public void assemble(UserFeatures user, VideoEntry video, long now, float[] matrix, int row) {
        int offset = row * extractors.length;
        for (int i = 0; i < extractors.length; i++) {
            float raw = extractors[i].extract(user, video, now);
            matrix[offset + i] = Float.isNaN(raw)
                    ? defaults[i]
                    : Math.max(lower[i], Math.min(upper[i], transforms[i].apply(raw)));
        }
    }
}
