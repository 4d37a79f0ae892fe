package io.reelrank.udf.rank;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model feature as the spec defines it: the raw value is transformed, then clipped; a
 * missing raw value becomes {@code defaultValue} (already in model space, not transformed).
 */
public record FeatureDefinition(
        String name,
        String computation,
        String transform,
        float[] clip,
        @JsonProperty("default") float defaultValue) implements java.io.Serializable {

    public FeatureDefinition {
        if (clip == null || clip.length != 2 || clip[0] > clip[1]) {
            throw new IllegalArgumentException("feature " + name + ": clip must be [min, max]");
        }
        if (FeatureTransform.named(transform) == null) {
            throw new IllegalArgumentException("feature " + name + ": unknown transform '" + transform
                    + "' (identity, log1p, signed_log1p)");
        }
    }

    /** Maps a raw value to model space; NaN means missing. */
    public float apply(float raw) {
        if (Float.isNaN(raw)) {
            return defaultValue;
        }
        return Math.max(clip[0], Math.min(clip[1], FeatureTransform.named(transform).apply(raw)));
    }
}
