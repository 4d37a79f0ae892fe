package io.reelrank.udf.scoring;

import io.reelrank.udf.model.TestModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxScorerTest {

    private static final float TOLERANCE = 1e-5f;
    private final SharedOrtSessions sessions = TaskManagerShared.sessions();

    @Test
    void scoresEveryRowOfABatchLikeTheLinearFormula() throws Exception {
        int width = TestModels.width();
        float[] features = TestModels.rows(1, 5, width);
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            float[] scores = scorer.score(features, 5, width);

            assertThat(scores).containsExactly(TestModels.expectedScores(features, width), within(TOLERANCE));
            assertThat(scorer.modelVersion()).hasToString("ranker/1");
        }
    }

    @Test
    void reusesItsInputBufferAcrossBatchesOfDifferentSizes() throws Exception {
        int width = TestModels.width();
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            for (int rows : new int[] {3, 40, 1, 7}) {
                float[] features = TestModels.rows(rows, rows, width);
                assertThat(scorer.score(features, rows, width))
                        .containsExactly(TestModels.expectedScores(features, width), within(TOLERANCE));
            }
        }
    }

    @Test
    void scoresBlocksOfSeveralRequestsAsOneBatch() throws Exception {
        int width = TestModels.width();
        float[] first = TestModels.rows(1, 2, width);
        float[] second = TestModels.rows(2, 3, width);
        float[] both = new float[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            assertThat(scorer.score(List.of(first, second), width))
                    .containsExactly(TestModels.expectedScores(both, width), within(TOLERANCE));
        }
    }

    @Test
    void readsAFlatBatchOutputToo() throws Exception {
        int width = TestModels.width();
        float[] features = TestModels.rows(3, 4, width);
        try (OnnxScorer scorer = new OnnxScorer(
                sessions.acquire(TestModels.unregistered("flat-output"), SessionSettings.defaults()))) {
            assertThat(scorer.score(features, 4, width))
                    .containsExactly(TestModels.expectedScores(features, width), within(TOLERANCE));
        }
    }

    @Test
    void rejectsAModelWhoseInputWidthDiffersFromItsFeatureList() throws Exception {
        LoadedModel wrongWidth = TestModels.unregistered("wrong-width");
        SessionLease lease = sessions.acquire(wrongWidth, SessionSettings.defaults());

        assertThatThrownBy(() -> new OnnxScorer(lease))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("wrong-width")
                .hasMessageContaining((TestModels.width() - 1) + "]")
                .hasMessageContaining("[batch, " + TestModels.width() + "]");
        assertThatThrownBy(lease::session).as("the failed scorer released its lease").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() throws Exception {
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            int narrow = TestModels.width() - 1;
            assertThatThrownBy(() -> scorer.score(new float[narrow * 2], 2, narrow))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reads " + TestModels.width() + " features");
        }
    }

    @Test
    void passesTheCanaryWithFiniteScores() throws Exception {
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            scorer.checkCanary();
        }
    }
}
