package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.Test;

class FeatureDefinitionTest {

    private static FeatureDefinition feature(String transform, float min, float max, float defaultValue) {
        return new FeatureDefinition("f", "test", transform, new float[] {min, max}, defaultValue);
    }

    @Test
    void log1pOfACount() {
        FeatureDefinition plays = feature("log1p", 0f, 10f, 0f);

        assertThat(plays.apply(3f)).isEqualTo((float) Math.log1p(3));
        assertThat(plays.apply(0f)).isZero();
        assertThat(plays.apply(-2f)).as("negative counts are treated as 0").isZero();
    }

    @Test
    void signedLog1pKeepsTheSign() {
        FeatureDefinition affinity = feature("signed_log1p", -5f, 5f, 0f);

        assertThat(affinity.apply(3f)).isEqualTo((float) Math.log1p(3));
        assertThat(affinity.apply(-3f)).isEqualTo((float) -Math.log1p(3));
        assertThat(affinity.apply(0f)).isZero();
    }

    @Test
    void clipsAfterTransforming() {
        FeatureDefinition plays = feature("log1p", 0f, 2f, 0f);
        FeatureDefinition rate = feature("identity", -1f, 1f, 0f);

        assertThat(plays.apply(1000f)).as("log1p(1000) = 6.9 > 2").isEqualTo(2f);
        assertThat(plays.apply(5f)).isEqualTo((float) Math.log1p(5));
        assertThat(rate.apply(-2.5f)).isEqualTo(-1f);
        assertThat(rate.apply(1.5f)).isEqualTo(1f);
        assertThat(rate.apply(0.25f)).isEqualTo(0.25f);
    }

    @Test
    void missingValueBecomesTheDefaultUntransformed() {
        FeatureDefinition plays = feature("log1p", 0f, 10f, 3f);

        assertThat(plays.apply(Float.NaN)).isEqualTo(3f);
    }

    @Test
    void rejectsUnknownTransformsAndBadClips() {
        assertThatThrownBy(() -> feature("sqrt", 0f, 1f, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown transform 'sqrt'");
        assertThatThrownBy(() -> feature("identity", 1f, 0f, 0f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clip must be [min, max]");
        assertThatThrownBy(() -> new FeatureDefinition("f", "test", "identity", new float[] {0f}, 0f))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
