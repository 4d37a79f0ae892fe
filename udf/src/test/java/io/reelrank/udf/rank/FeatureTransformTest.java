package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureTransformTest {

    @Test
    void log1pIsMathLog1pAsAFloatHoldsIt() {
        double[] edges = {0.0, -0.0, Double.MIN_VALUE, 1e-12, 9.999e-5, 1e-4, 1.0001e-4, 0.5, 1, 2, 1e6, 1e13};
        for (double x : edges) {
            assertThat((float) FeatureTransform.log1p(x)).as("log1p(" + x + ")").isEqualTo((float) Math.log1p(x));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.pow(10, random.nextDouble(-8, 13));
            assertThat((float) FeatureTransform.log1p(x)).as("log1p(" + x + ")").isEqualTo((float) Math.log1p(x));
        }
    }

    @Test
    void zeroStaysZeroWithItsSign() {
        assertThat(FeatureTransform.LOG1P.apply(0f)).isEqualTo(0f);
        assertThat(Float.floatToIntBits(FeatureTransform.SIGNED_LOG1P.apply(-0f)))
                .isEqualTo(Float.floatToIntBits(Math.signum(-0f) * (float) Math.log1p(0)));
        assertThat(FeatureTransform.SIGNED_LOG1P.apply(-3f)).isEqualTo(-(float) Math.log1p(3));
    }
}
