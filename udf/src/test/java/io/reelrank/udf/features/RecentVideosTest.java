package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;

class RecentVideosTest {

    @Test
    void keepsAtMostCapacityAndEvictsTheOldest() {
        RecentVideos recent = new RecentVideos();
        for (String id : new String[] {"a", "b", "c", "d"}) {
            recent.add(id, 3);
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.contains("a")).isFalse();
        assertThat(recent.contains("b")).isTrue();
        assertThat(recent.contains("c")).isTrue();
        assertThat(recent.contains("d")).isTrue();

        recent.add("e", 3);
        assertThat(recent.contains("b")).isFalse();
        assertThat(recent.ring).containsExactlyInAnyOrder("c", "d", "e");

        recent.add("f", 3);
        recent.add("g", 3);
        assertThat(recent.ring).containsExactlyInAnyOrder("e", "f", "g");
    }

    @Test
    void aVideoSeenAgainTakesNoExtraSlot() {
        RecentVideos recent = new RecentVideos();
        recent.add("a", 2);
        recent.add("b", 2);
        recent.add("a", 2);
        recent.add("b", 2);

        assertThat(recent.ring).containsExactly("a", "b");
        assertThat(recent.next).isZero();
    }
}
