package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class DecayedCountTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long HALF_LIFE = 30L * 24 * 3_600_000;

    @Test
    void eachEventHalvesEveryHalfLife() {
        DecayedCount count = DecayedCount.EMPTY.plus(T0, HALF_LIFE).plus(T0 + HALF_LIFE, HALF_LIFE);

        assertThat(count).isEqualTo(new DecayedCount(1.5, T0 + HALF_LIFE));
        assertThat(count.at(T0 + 3 * HALF_LIFE, HALF_LIFE)).isEqualTo(0.375);
        assertThat(count.at(T0 + HALF_LIFE + HALF_LIFE / 3, HALF_LIFE)).isEqualTo(1.5 * Math.pow(0.5, 1.0 / 3));
        assertThat(count.at(T0, HALF_LIFE)).as("asked before its as-of time: as it is").isEqualTo(1.5);
    }

    @Test
    void valueDoesNotDependOnArrivalOrder() {
        DecayedCount inOrder = DecayedCount.EMPTY.plus(T0, HALF_LIFE).plus(T0 + HALF_LIFE, HALF_LIFE)
                .plus(T0 + 2 * HALF_LIFE, HALF_LIFE);
        DecayedCount reversed = DecayedCount.EMPTY.plus(T0 + 2 * HALF_LIFE, HALF_LIFE)
                .plus(T0 + HALF_LIFE, HALF_LIFE).plus(T0, HALF_LIFE);

        assertThat(inOrder).isEqualTo(new DecayedCount(1.75, T0 + 2 * HALF_LIFE));
        assertThat(reversed).isEqualTo(inOrder);
    }

    @Test
    void emptyCountIsZeroAtAnyTimeAndTakesTheFirstEventsTime() {
        assertThat(DecayedCount.EMPTY.at(T0, HALF_LIFE)).isZero();
        assertThat(new DecayedCount(0.0, 0L).plus(-5, HALF_LIFE)).isEqualTo(new DecayedCount(1.0, -5));
    }
}
