package io.reelrank.udf.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which version a restored scorer resumes on, from the versions its subtasks wrote at the checkpoint. */
class CheckpointedModelVersionTest {

    @Test
    void theVersionMostSubtasksServedWins() {
        assertThat(CheckpointedModelVersion.choose(List.of("ranker/9", "ranker/10", "ranker/9"), "ranker"))
                .isEqualTo("9");
    }

    @Test
    void aTieGoesToTheNewerVersion() {
        assertThat(CheckpointedModelVersion.choose(List.of("ranker/9", "ranker/10"), "ranker")).isEqualTo("10");
    }

    @Test
    void entriesOfAnotherModelOrUnreadableOnesAreIgnored() {
        assertThat(CheckpointedModelVersion.choose(List.of("other/3", "garbage", "ranker/2"), "ranker"))
                .isEqualTo("2");
    }

    @Test
    void noEntriesMeansNothingToResumeOn() {
        assertThat(CheckpointedModelVersion.choose(List.of(), "ranker")).isNull();
        assertThat(CheckpointedModelVersion.choose(List.of("other/3"), "ranker")).isNull();
    }
}
