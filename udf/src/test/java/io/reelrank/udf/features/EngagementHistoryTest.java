package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import org.junit.jupiter.api.Test;

class EngagementHistoryTest {

    @Test
    void keepsEveryActionButImpressionsNewestFirst() {
        EngagementHistory history = new EngagementHistory();
        history.add("v1", Action.PLAY, 10, 5);
        history.add("v2", Action.IMPRESSION, 20, 5);
        history.add("v2", Action.SKIP, 30, 5);
        history.add("v1", Action.LIKE, 40, 5);

        assertThat(history.videoIds).containsExactly("v1", "v2", "v1");
        assertThat(history.actions).containsExactly(Action.LIKE.code(), Action.SKIP.code(), Action.PLAY.code());
        assertThat(history.eventTs).containsExactly(40L, 30L, 10L);
    }

    @Test
    void anOutOfOrderEngagementIsInsertedAtItsTimeAndTiesPutTheLaterAppliedFirst() {
        EngagementHistory history = new EngagementHistory();
        history.add("a", Action.PLAY, 100, 5);
        history.add("b", Action.PLAY, 300, 5);
        history.add("c", Action.SHARE, 200, 5);
        history.add("d", Action.LIKE, 200, 5);
        history.add("e", Action.PLAY, 50, 5);

        assertThat(history.videoIds).containsExactly("b", "d", "c", "a", "e");
        assertThat(history.eventTs).containsExactly(300L, 200L, 200L, 100L, 50L);
    }

    @Test
    void whenFullTheOldestIsDroppedAndAnEngagementOlderThanAllKeptIsNotAdded() {
        EngagementHistory history = new EngagementHistory();
        for (int i = 1; i <= 4; i++) {
            history.add("v" + i, Action.PLAY, i * 10L, 3);
        }
        assertThat(history.videoIds).containsExactly("v4", "v3", "v2");

        history.add("old", Action.LIKE, 5, 3);
        assertThat(history.videoIds).containsExactly("v4", "v3", "v2");

        history.add("tie", Action.LIKE, 20, 3); // as old as the oldest kept: the later-applied one stays
        assertThat(history.videoIds).containsExactly("v4", "v3", "tie");

        history.add("mid", Action.COMMENT, 35, 3);
        assertThat(history.videoIds).containsExactly("v4", "mid", "v3");
        assertThat(history.eventTs).containsExactly(40L, 35L, 30L);
    }

    @Test
    void lengthZeroKeepsNothingAndASmallerLengthTrimsOnTheNextAdd() {
        EngagementHistory none = new EngagementHistory();
        none.add("v1", Action.PLAY, 10, 0);
        assertThat(none.size()).isZero();

        EngagementHistory history = new EngagementHistory();
        for (int i = 1; i <= 5; i++) {
            history.add("v" + i, Action.PLAY, i, 5);
        }
        history.add("v6", Action.PLAY, 6, 2);
        assertThat(history.videoIds).containsExactly("v6", "v5");
    }

    @Test
    void aCopySharesNothing() {
        EngagementHistory history = new EngagementHistory();
        history.add("v1", Action.PLAY, 10, 5);
        EngagementHistory copy = history.copy();
        history.add("v2", Action.PLAY, 20, 5);
        history.videoIds[1] = "changed";

        assertThat(copy.videoIds).containsExactly("v1");
        assertThat(copy.eventTs).containsExactly(10L);
    }
}
