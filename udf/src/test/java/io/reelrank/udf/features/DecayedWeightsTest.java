package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecayedWeightsTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final long HALF_LIFE = 6 * 3_600_000L;

    private record Event(String key, float weight, long ts) {}

    @Test
    void weightHalvesAfterOneHalfLife() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("food", 3f, T0, HALF_LIFE, 8);

        assertThat(weights.weightAt("food", T0, HALF_LIFE)).isEqualTo(3f);
        assertThat(weights.weightAt("food", T0 + HALF_LIFE, HALF_LIFE)).isEqualTo(1.5f);
        assertThat(weights.weightAt("food", T0 + 2 * HALF_LIFE, HALF_LIFE)).isEqualTo(0.75f);
        assertThat(weights.weightAt("travel", T0, HALF_LIFE)).isZero();
    }

    @Test
    void laterEventDecaysTheStoredWeightsFirst() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("food", 1f, T0, HALF_LIFE, 8);
        weights.add("food", 1f, T0 + HALF_LIFE, HALF_LIFE, 8);

        assertThat(weights.asOfTs).isEqualTo(T0 + HALF_LIFE);
        assertThat(weights.weightAt("food", T0 + HALF_LIFE, HALF_LIFE)).isEqualTo(1.5f);
    }

    @Test
    void eventOlderThanTheReferenceAddsItsWeightAlreadyDecayed() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("food", 1f, T0 + HALF_LIFE, HALF_LIFE, 8);
        weights.add("food", 1f, T0, HALF_LIFE, 8);

        assertThat(weights.asOfTs).isEqualTo(T0 + HALF_LIFE);
        assertThat(weights.weightAt("food", T0 + HALF_LIFE, HALF_LIFE)).isEqualTo(1.5f);
    }

    @Test
    void sameEventsInAnyOrderGiveTheSameWeights() {
        Random random = new Random(7);
        String[] keys = {"food", "travel", "music", "cats"};
        List<Event> events = new ArrayList<>();
        float[] actionWeights = {-1f, 0.25f, 0.5f, 1f};
        for (int i = 0; i < 12; i++) {
            events.add(new Event(keys[i % keys.length], actionWeights[random.nextInt(actionWeights.length)],
                    T0 + random.nextInt(48) * 1_800_000L + random.nextInt(1000)));
        }
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        List<Event> newestFirst = new ArrayList<>(events);
        newestFirst.sort((a, b) -> Long.compare(b.ts(), a.ts()));

        DecayedWeights inOrder = replay(events);
        long end = T0 + 48 * 1_800_000L;
        for (List<Event> order : List.of(shuffled, newestFirst)) {
            DecayedWeights other = replay(order);
            assertThat(other.asOfTs).isEqualTo(inOrder.asOfTs);
            for (String key : keys) {
                assertThat(other.weightAt(key, end, HALF_LIFE))
                        .as(key)
                        .isCloseTo(inOrder.weightAt(key, end, HALF_LIFE), within(1e-6f));
            }
        }
    }

    @Test
    void beyondMaxKeysTheWeakestByAbsoluteWeightIsEvicted() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("a", 3f, T0, HALF_LIFE, 3);
        weights.add("b", -1f, T0, HALF_LIFE, 3);
        weights.add("c", -4f, T0, HALF_LIFE, 3);

        weights.add("d", 2f, T0, HALF_LIFE, 3);

        assertThat(weights.size()).isEqualTo(3);
        assertThat(weights.keys).containsExactlyInAnyOrder("a", "c", "d");
        assertThat(weights.weightAt("c", T0, HALF_LIFE)).isEqualTo(-4f);
        assertThat(weights.weightAt("b", T0, HALF_LIFE)).isZero();
    }

    @Test
    void newKeyWeakerThanEveryKeptKeyIsNotAdmitted() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("a", 3f, T0, HALF_LIFE, 2);
        weights.add("b", 2f, T0, HALF_LIFE, 2);

        weights.add("c", 1f, T0, HALF_LIFE, 2);

        assertThat(weights.keys).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void evictionComparesWeightsAtTheSameReferenceTime() {
        DecayedWeights weights = new DecayedWeights();
        weights.add("old", 3f, T0, HALF_LIFE, 1);
        // Two half-lives later "old" weighs 0.75, less than the new 1.
        weights.add("new", 1f, T0 + 2 * HALF_LIFE, HALF_LIFE, 1);

        assertThat(weights.keys).containsExactly("new");
    }

    private static DecayedWeights replay(List<Event> events) {
        DecayedWeights weights = new DecayedWeights();
        for (Event e : events) {
            weights.add(e.key(), e.weight(), e.ts(), HALF_LIFE, 16);
        }
        return weights;
    }
}
