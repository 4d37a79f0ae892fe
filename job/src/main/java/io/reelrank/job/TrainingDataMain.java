package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Writes the default model's training data: the real topology up to scoring runs on the
 * generator (event-time aligned, so each request sees exactly the engagements before it), and
 * every candidate row it assembles is labelled by what the synthetic user does when shown that
 * video. The CSV starts with the feature-spec hash, which the training script checks; its rows
 * are sorted ({@link SortedLines}), so the same settings always give the same file.
 */
public final class TrainingDataMain {
    static final Command COMMAND = JobCommand.named("TrainingDataMain",
                    "Writes the default model's training data: every candidate row the topology assembles over the "
                            + "generator, labelled by what the synthetic user does when shown the video.")
            .with(Option.text("out", "FILE", "The CSV to write.").withDefault("target/training.csv"));

    private TrainingDataMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, TrainingDataMain::run);
    }

    private static void run(Arguments arguments) throws Exception {
        Path out = Path.of(arguments.text("out"));
        Configuration config = JobCommand.localConfiguration(arguments, "training-data");
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        SyntheticWorld world = GeneratorInputs.world(config);
        JobSettings settings = JobSettings.from(config);
        ReelRankWorkflow.Features features =
                ReelRankWorkflow.features(GeneratorInputs.inputs(env, world, config), settings);
        List<String> rows = new ArrayList<>();
        long positives = 0;
        try (CloseableIterator<ScoringTask> tasks = features.scoringTasks().collectAsync()) {
            env.executeAsync("reelrank-training-data");
            while (tasks.hasNext()) {
                ScoringTask task = tasks.next();
                for (int row = 0; row < task.rows(); row++) {
                    boolean positive = label(world, task, row);
                    positives += positive ? 1 : 0;
                    rows.add(TrainingCsv.row(task, row, positive));
                }
            }
        }
        String sha256 = SortedLines.write(out, TrainingCsv.headerLines(settings.spec()), rows);
        System.out.printf(Locale.ROOT, "wrote %d candidate rows (%.1f%% positive) to %s, sha256 %s%n",
                rows.size(), 100.0 * positives / Math.max(1, rows.size()), out, sha256);
    }

    /** What the synthetic user does when shown the candidate, drawn deterministically per pair. */
    static boolean label(SyntheticWorld world, ScoringTask task, int row) {
        int user = world.userIndex(task.userId()).orElseThrow();
        int video = world.videoIndex(task.videoIds()[row]).orElseThrow();
        long seed = world.settings().seed() * 31 + (task.requestId() + "/" + task.videoIds()[row]).hashCode();
        return SyntheticWorld.isPositive(world.respond(user, video, new SplittableRandom(seed)));
    }
}
