package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TagWeightsTest {

    @Test
    void agreesWithAHashMapOnRandomProfiles() {
        SplittableRandom random = new SplittableRandom(11);
        for (int profile = 0; profile < 2_000; profile++) {
            int size = random.nextInt(0, 70);
            TagWeights table = new TagWeights(size);
            Map<String, Float> map = new HashMap<>();
            double squared = 0;
            for (int i = 0; i < size; i++) {
                String tag = "t" + random.nextInt(100); // repeats: the first weight wins
                float weight = (float) random.nextDouble(-2, 2);
                boolean added = table.putIfAbsent(tag, weight);
                assertThat(added).isEqualTo(map.putIfAbsent(tag, weight) == null);
                squared += added ? (double) weight * weight : 0;
            }
            for (int t = 0; t < 120; t++) {
                String tag = new String("t" + t); // not the instance that was put
                assertThat(table.get(tag)).as(tag).isEqualTo(map.getOrDefault(tag, 0f));
            }
            assertThat(table.norm()).isEqualTo((float) Math.sqrt(squared));
        }
    }

    @Test
    void keysWithTheSameHashStayApart() {
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        TagWeights table = new TagWeights(2);
        table.putIfAbsent("Aa", 1f);
        table.putIfAbsent("BB", 2f);
        assertThat(table.get("Aa")).isEqualTo(1f);
        assertThat(table.get("BB")).isEqualTo(2f);
        assertThat(table.get("C#")).isZero();
    }
}
