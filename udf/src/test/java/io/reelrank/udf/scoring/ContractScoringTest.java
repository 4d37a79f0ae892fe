package io.reelrank.udf.scoring;

import static io.reelrank.udf.scoring.ContractFixture.history;
import static io.reelrank.udf.scoring.ContractFixture.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.TestModels;
import io.reelrank.udf.rank.TopNSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring with the real contract v2 fixture model: every input built, every head read and fused. */
class ContractScoringTest {

    private static final float TOLERANCE = 1e-5f;

    @TempDir
    Path root;

    private final SharedOrtSessions sessions = TaskManagerShared.sessions();
    private LoadedModel model;

    @BeforeEach
    void publishTheFixture() throws Exception {
        TestRegistry registry = new TestRegistry(root);
        registry.publishV2("2", "ranker");
        model = registry.source(Duration.ZERO).load("2");
    }

    @Test
    void scoresEveryHeadFromItsInputsAndFusesThemByTheModelsObjectives() throws Exception {
        List<ScoringTask> tasks = List.of(
                task("r1", new String[] {"v-a", "v-b", "v-c"}, new float[] {0.5f, -1f, 2f},
                        history(Action.LIKE, "v-b", "v-x", "v-b")),
                task("r2", new String[] {"v-c"}, new float[] {1f}, RequestHistory.EMPTY));
        try (OnnxScorer scorer = scorer(null)) {
            BatchScores scores = scorer.score(tasks);

            assertThat(scores.headNames()).containsExactly("play", "finish", "like");
            int row = 0;
            for (ScoringTask task : tasks) {
                for (int i = 0; i < task.rows(); i++, row++) {
                    float play = ContractFixture.play(task, i);
                    float finish = ContractFixture.finish(task, i);
                    float like = ContractFixture.like(task, i);
                    assertThat(scores.heads()[0][row]).as("play of row %d", row).isCloseTo(play, within(TOLERANCE));
                    assertThat(scores.heads()[1][row]).as("finish of row %d", row).isCloseTo(finish, within(TOLERANCE));
                    assertThat(scores.heads()[2][row]).as("like of row %d", row).isCloseTo(like, within(TOLERANCE));
                    assertThat(scores.fused()[row]).as("model.json objectives play 1, finish 0.5, like 0.3")
                            .isCloseTo(play + 0.5f * finish + 0.3f * like, within(TOLERANCE));
                }
            }
            assertThat(scores.heads()[2][1]).as("v-b is twice in r1's history, like counts it")
                    .isGreaterThan(scores.heads()[2][0] + 0.9f);
        }
    }

    @Test
    void theObjectivesOptionReplacesTheModelsWeights() throws Exception {
        List<ScoringTask> tasks = List.of(task("r1", new String[] {"v-a", "v-d"}, new float[] {0.3f, 0.7f},
                history(Action.PLAY, "v-d")));
        try (OnnxScorer scorer = scorer(Map.of("like", 2.0, "finish", -1.0))) {
            BatchScores scores = scorer.score(tasks);

            for (int row = 0; row < 2; row++) {
                assertThat(scores.fused()[row]).as("the play head is not weighted at all")
                        .isCloseTo(2f * scores.heads()[2][row] - scores.heads()[1][row], within(TOLERANCE));
            }
        }
    }

    @Test
    void raisingAHeadsWeightMovesTheRankingTowardTheCandidatesItFavours() throws Exception {
        // v-a has the better features (play), v-c is in the user's history (like).
        ScoringTask task = task("r1", new String[] {"v-a", "v-c"}, new float[] {1f, 0f}, history(Action.SHARE, "v-c"));

        assertThat(topVideo(task, Map.of("play", 1.0, "like", 0.3))).isEqualTo("v-a");
        assertThat(topVideo(task, Map.of("play", 1.0, "like", 3.0))).isEqualTo("v-c");
    }

    @Test
    void anUnknownVideoReadsIndexOneAndIsStillRanked() throws Exception {
        ScoringTask task = task("r1", new String[] {"never-seen", "v-a"}, new float[] {5f, 0f}, RequestHistory.EMPTY);
        try (OnnxScorer scorer = scorer(null)) {
            BatchScores scores = scorer.score(List.of(task));

            assertThat(scores.heads()[1][0]).as("finish = 0.1 x index 1 ([UNK])").isCloseTo(0.1f, within(TOLERANCE));
            List<RecommendedItem> ranked = TopNSelector.select(task.videoIds(), task.creatorIds(), scores.fused(), 2, 2);
            assertThat(ranked).extracting(RecommendedItem::videoId).containsExactly("never-seen", "v-a");
        }
    }

    @Test
    void aBatchOfRequestsScoresAsEachRequestAlone() throws Exception {
        List<ScoringTask> tasks = List.of(
                task("r1", new String[] {"v-a", "v-b"}, new float[] {0.1f, 0.2f}, history(Action.PLAY, "v-a")),
                task("r2", new String[] {"v-a", "v-b", "v-c"}, new float[] {0.3f, 0.4f, 0.5f},
                        history(Action.COMMENT, "v-b", "v-c", "v-b", "v-a", "v-d")),
                task("r3", new String[] {"v-b"}, new float[] {0.6f}, RequestHistory.EMPTY));
        try (OnnxScorer scorer = scorer(null)) {
            float[] batched = scorer.score(tasks).fused();
            List<Float> alone = new ArrayList<>();
            for (ScoringTask task : tasks) {
                for (float score : scorer.score(List.of(task)).fused()) {
                    alone.add(score);
                }
            }

            assertThat(batched).containsExactly(toArray(alone));
        }
    }

    @Test
    void readsOnlyTheModelsNNewestHistoryEntries() throws Exception {
        // v-d only appears beyond the 4 newest entries: the model must not see it.
        ScoringTask task = task("r1", new String[] {"v-d"}, new float[] {0f},
                history(Action.PLAY, "v-a", "v-b", "v-c", "v-a", "v-d", "v-d"));
        try (OnnxScorer scorer = scorer(null)) {
            float like = scorer.score(List.of(task)).heads()[2][0];

            assertThat(like).isCloseTo(0.01f * 4 * Action.PLAY.code() + 0.001f * (1 + 2 + 3 + 4), within(TOLERANCE));
        }
    }

    @Test
    void rejectsObjectivesNamingAHeadTheModelLacks() throws Exception {
        SessionLease lease = sessions.acquire(model, SessionSettings.defaults());

        assertThatThrownBy(() -> new OnnxScorer(lease, Map.of("play", 1.0, "share", 0.5)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("has no head 'share' that reelrank.scoring.objectives weights")
                .hasMessageContaining("[play, finish, like]");
    }

    @Test
    void passesTheCanaryWithHistoriesOfEveryLength() throws Exception {
        try (OnnxScorer scorer = scorer(null)) {
            scorer.checkCanary();
        }
    }

    @Test
    void scoreRangeBoundsEachHeadNotTheFusedScoreWhoseScaleTheWeightsSet() throws Exception {
        withScoreRange(-10, 10);
        try (OnnxScorer scorer = scorer(Map.of("play", 100.0, "finish", 100.0, "like", 100.0))) {
            scorer.checkCanary(); // fused scores reach far past 10, every head stays inside
        }
        withScoreRange(0, 1e-4);
        try (OnnxScorer scorer = scorer(null)) {
            assertThatThrownBy(scorer::checkCanary).isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining("outside its score_range [0.0, 1.0E-4]");
        }
    }

    private void withScoreRange(double min, double max) throws Exception {
        Path json = root.resolve("ranker").resolve("2").resolve("model.json");
        ObjectNode metadata = (ObjectNode) new ObjectMapper().readTree(json.toFile());
        metadata.putArray("score_range").add(min).add(max);
        Files.writeString(json, metadata.toString());
        model = new TestRegistry(root).source(Duration.ZERO).load("2");
    }

    @Test
    void aV1ModelScoresTasksThroughTodaysPathWithoutHeads() throws Exception {
        int width = TestModels.width();
        float[] features = TestModels.rows(2, 3, width);
        ScoringTask task = new ScoringTask("r1", "u1", io.reelrank.udf.contract.Trigger.REQUEST, 1L, 3,
                new String[] {"a", "b", "c"}, new String[3], features, width, 0L);
        try (OnnxScorer scorer = new OnnxScorer(sessions.acquire(TestModels.linear(), SessionSettings.defaults()))) {
            BatchScores scores = scorer.score(List.of(task));

            assertThat(scores.heads()).isNull();
            assertThat(scores.fused()).containsExactly(TestModels.expectedScores(features, width), within(TOLERANCE));
        }
    }

    private String topVideo(ScoringTask task, Map<String, Double> objectives) throws Exception {
        try (OnnxScorer scorer = scorer(objectives)) {
            float[] scores = scorer.score(List.of(task)).fused();
            return TopNSelector.select(task.videoIds(), task.creatorIds(), scores, 1, 1).get(0).videoId();
        }
    }

    private OnnxScorer scorer(Map<String, Double> objectives) throws Exception {
        return new OnnxScorer(sessions.acquire(model, SessionSettings.defaults()), objectives);
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
