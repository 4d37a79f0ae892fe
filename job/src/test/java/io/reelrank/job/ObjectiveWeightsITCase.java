package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.scoring.BatchScores;
import io.reelrank.udf.scoring.OnnxScorer;
import io.reelrank.udf.scoring.ScoringTask;
import io.reelrank.udf.scoring.SessionSettings;
import io.reelrank.udf.scoring.TaskManagerShared;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The committed multi-head {@code ranker/2} on requests of the generator world it was trained on
 * (seed 7), with the histories and feature rows the real topology assembles: weighting the like
 * head up must change the top 10 of many requests, raise the like head's mean over the top 10s and
 * lower the play head's. Fails if the objectives did not reach the fused score, or if the heads were
 * one score under three names. The move is small: in the generator's world every action's
 * probability grows with the same user-video affinity, so the heads rank nearly alike
 * (models/README.md).
 */
class ObjectiveWeightsITCase {

    private static final int TOP = 10;
    private static final Map<String, Double> PLAY_ONLY = Map.of("play", 1.0);
    private static final Map<String, Double> LIKE_HEAVY = Map.of("play", 1.0, "like", 3.0);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension();

    private static final List<ScoringTask> tasks = new ArrayList<>();
    private static LoadedModel ranker2;

    @BeforeAll
    static void assembleGeneratorWorldRequests() throws Exception {
        Configuration config = new Configuration();
        config.set(ReelRankOptions.GENERATOR_SEED, 7L);
        config.set(ReelRankOptions.GENERATOR_ENGAGEMENTS, 20_000L);
        config.set(ReelRankOptions.GENERATOR_REQUESTS, 1_000L);
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        config.set(ReelRankOptions.MODEL_REGISTRY, "../models/registry");
        config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), JobSettings.from(config));
        try (CloseableIterator<ScoringTask> it = features.scoringTasks().executeAndCollect("objective-weights")) {
            it.forEachRemaining(task -> {
                if (task.rows() > TOP && task.history().size() > 0) {
                    tasks.add(task);
                }
            });
        }
        ranker2 = JobSettings.from(config).model().load("2");
    }

    @Test
    void weightingLikesUpMovesTheTopTenTowardTheLikeHead() throws Exception {
        assertThat(tasks).as("requests of users with a history").hasSizeGreaterThan(300);
        assertThat(ranker2.metadata().heads()).contains("play", "finish", "like");

        TopTens playOnly = topTens(PLAY_ONLY);
        TopTens likeHeavy = topTens(LIKE_HEAVY);

        assertThat(likeHeavy.meanLike()).as("mean like head of the top 10s, like-heavy vs play-only")
                .isGreaterThan(playOnly.meanLike());
        assertThat(likeHeavy.meanPlay()).as("mean play head of the top 10s: play-only maximises it")
                .isLessThan(playOnly.meanPlay());
        long changed = IntStream.range(0, tasks.size())
                .filter(i -> !Arrays.equals(playOnly.rows().get(i), likeHeavy.rows().get(i))).count();
        assertThat(changed).as("requests whose top 10 changed").isGreaterThan(tasks.size() / 10);
    }

    /** Each request's top 10 rows (sorted) under some objectives, and the heads' means over them. */
    private record TopTens(List<int[]> rows, double meanPlay, double meanLike) {}

    private static TopTens topTens(Map<String, Double> objectives) throws Exception {
        List<int[]> rows = new ArrayList<>();
        double play = 0;
        double like = 0;
        try (OnnxScorer scorer = new OnnxScorer(
                TaskManagerShared.sessions().acquire(ranker2, SessionSettings.defaults()), objectives)) {
            for (ScoringTask task : tasks) {
                BatchScores scores = scorer.score(List.of(task));
                List<String> heads = Arrays.asList(scores.headNames());
                int[] top = top(scores.fused());
                for (int row : top) {
                    play += scores.heads()[heads.indexOf("play")][row];
                    like += scores.heads()[heads.indexOf("like")][row];
                }
                Arrays.sort(top);
                rows.add(top);
            }
        }
        int items = rows.size() * TOP;
        return new TopTens(rows, play / items, like / items);
    }

    private static int[] top(float[] fused) {
        return IntStream.range(0, fused.length).boxed()
                .sorted(Comparator.comparingDouble((Integer row) -> fused[row]).reversed())
                .limit(TOP).mapToInt(Integer::intValue).toArray();
    }
}
