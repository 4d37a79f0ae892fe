package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelRegistry;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.BatchScores;
import io.reelrank.udf.scoring.OnnxScorer;
import io.reelrank.udf.scoring.OnnxValidator;
import io.reelrank.udf.scoring.RequestHistory;
import io.reelrank.udf.scoring.ScoringDevice;
import io.reelrank.udf.scoring.ScoringTask;
import io.reelrank.udf.scoring.SessionSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The path a new model takes, end to end on a tiny data set: examples in the feature log's format
 * ({@link TinyTrainingSet}), {@code models/train/train_ranker.py} trains, exports and stages a
 * version, {@link PublishModelMain} validates and publishes it as an operator would, and the job's
 * own loading and scoring ({@link ModelRegistry}, {@link OnnxValidator}, {@link OnnxScorer}) score
 * requests with it, the sequence model's with real histories and against torch's own scores
 * ({@link StagedVerification}). Skipped, saying what to install, where {@code /usr/bin/python3}
 * lacks torch or onnx.
 */
class PythonTrainingPathITCase {
    private static final String VERSION = "2";
    private static final int SCORED_ROWS = 10;
    private static final long T_REQUEST = 1_767_300_000_000L;
    private static final double PARITY_TOLERANCE = 1e-4;

    /** The trainer's models; each is one more case of the same path. */
    enum Trainer {
        MLP,
        /**
         * Reads the -requests.jsonl sidecar TinyTrainingSet writes; history 8 > its 6 entries, so rows
         * pad. The high learning rate lets 3 epochs make history and ids move scores well past the
         * parity tolerance.
         */
        SEQUENCE("--model", "sequence", "--heads", "play,finish", "--history-length", "8", "--embedding-dim", "8",
                "--patience", "3", "--learning-rate", "0.03");

        final List<String> arguments;

        Trainer(String... arguments) {
            this.arguments = List.of(arguments);
        }
    }

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Trainer.class)
    void aModelTrainedInPythonIsValidatedPublishedAndScoresInJava(Trainer trainer) throws Exception {
        TrainingPython.assumeAvailable();
        Path examples = work.resolve("examples.jsonl");
        List<float[]> rows = TinyTrainingSet.write(examples, 7);
        Path staging = work.resolve("staging");
        List<String> train = new ArrayList<>(List.of("models/train/train_ranker.py", "--data", examples.toString(),
                "--staging", staging.toString(), "--name", "ranker", "--version", VERSION, "--epochs", "3", "--seed", "5"));
        train.addAll(trainer.arguments);

        TrainingPython.Result training = TrainingPython.run(Duration.ofMinutes(3), train.toArray(String[]::new));
        assertThat(training.exitCode()).as(training.output()).isZero();

        Path registry = work.resolve("registry");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int published = PublishModelMain.run(new String[] {staging.resolve("ranker").resolve(VERSION).toString(),
                "--registry", registry.toString(), "--set-current", "--reelrank.scoring.device", "cpu"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String verdict = printed.toString(StandardCharsets.UTF_8);
        assertThat(published).as(verdict).isZero();
        assertThat(verdict).startsWith("VALID ranker/" + VERSION).contains("PUBLISHED ranker/" + VERSION);

        assertThat(scoreRowsInJava(registry, rows.subList(0, SCORED_ROWS)).fused()).satisfies(scores -> {
            assertThat(scores).hasSize(SCORED_ROWS);
            Set<Float> distinct = new HashSet<>();
            for (float score : scores) {
                assertThat(score).as("a sigmoid score").isFinite().isBetween(0f, 1f);
                distinct.add(score);
            }
            assertThat(distinct).as("rows with different features score differently")
                    .hasSizeGreaterThan(SCORED_ROWS / 2);
        });
        if (trainer == Trainer.SEQUENCE) {
            assertJavaScoresAsTorchDid(registry, staging.resolve("ranker").resolve(VERSION));
        }
    }

    /**
     * Train/serve parity of the whole model: the requests the trainer staged in verification.json,
     * rebuilt as the job's ScoringTasks and scored through OnnxScorer's own tensor building (id
     * lookup, candidate_request, history order, ages, mask), score per head as torch did.
     */
    private static void assertJavaScoresAsTorchDid(Path registry, Path staged) throws Exception {
        StagedVerification verification = StagedVerification.read(staged);
        List<ScoringTask> tasks = verification.tasks();
        assertThat(tasks).as("several requests, the last with an empty history").hasSizeGreaterThan(2);
        assertThat(tasks.get(tasks.size() - 1).history().size()).isZero();
        assertThat(tasks.get(0).history().size()).isPositive();
        for (int r = 0; r < tasks.size(); r++) {
            RequestHistory history = tasks.get(r).history();
            for (int j = 0; j < history.size(); j++) {
                assertThat(history.ageHours(j, tasks.get(r).eventTs())).as("age of request %d entry %d", r, j)
                        .isEqualTo(verification.torchAgeHours().get(r)[j]);
            }
        }
        BatchScores scores = scoreInJava(registry, tasks);
        assertThat(scores.headNames()).containsExactlyElementsOf(verification.torchScores().keySet());
        double difference = verification.maxDifference(scores);
        System.out.printf("sequence parity: %d requests, %d candidates, heads %s, max |java - torch| = %.3g%n",
                tasks.size(), scores.rows(), List.of(scores.headNames()), difference);
        assertThat(difference).as("max |java - torch| over every head").isLessThanOrEqualTo(PARITY_TOLERANCE);
        // The tolerance is far below what each history input moves, so a Java side that got one wrong would fail.
        assertThat(verification.maxDifference(scoreInJava(registry, verification.withoutHistories())))
                .as("without histories").isGreaterThan(10 * PARITY_TOLERANCE);
        assertThat(verification.maxDifference(scoreInJava(registry, verification.withUnknownCandidates())))
                .as("with unknown candidate ids").isGreaterThan(10 * PARITY_TOLERANCE);
        assertThat(verification.maxDifference(scoreInJava(registry, verification.arriving(Duration.ofDays(30)))))
                .as("with every history entry 30 days older").isGreaterThan(10 * PARITY_TOLERANCE);
    }

    /** The rows as two requests of users with real histories, one newer than the other. */
    private static BatchScores scoreRowsInJava(Path registry, List<float[]> rows) throws Exception {
        int width = FeatureSpec.bundled().width();
        List<ScoringTask> tasks = new ArrayList<>();
        int half = rows.size() / 2;
        byte play = (byte) Action.PLAY.code();
        byte skip = (byte) Action.SKIP.code();
        RequestHistory[] histories = {
            new RequestHistory(new String[] {"v3", "v17", "v40"}, new byte[] {play, skip, play},
                    new long[] {T_REQUEST - 60_000L, T_REQUEST - 3_600_000L, T_REQUEST - 86_400_000L}),
            new RequestHistory(new String[] {"v8", "never-trained-video"}, new byte[] {skip, play},
                    new long[] {T_REQUEST - 1_000L, T_REQUEST - 7_200_000L})};
        for (int t = 0; t < 2; t++) {
            List<float[]> block = rows.subList(t * half, t == 0 ? half : rows.size());
            float[] rowMajor = new float[block.size() * width];
            String[] videos = new String[block.size()];
            for (int r = 0; r < block.size(); r++) {
                System.arraycopy(block.get(r), 0, rowMajor, r * width, width);
                videos[r] = "v" + (t * half + r);
            }
            tasks.add(new ScoringTask("req-" + t, "u" + t, Trigger.REQUEST, T_REQUEST, videos.length, videos,
                    new String[videos.length], rowMajor, width, 0L, 0, null, histories[t]));
        }
        return scoreInJava(registry, tasks);
    }

    private static BatchScores scoreInJava(Path registry, List<ScoringTask> tasks) throws Exception {
        FeatureSpec spec = FeatureSpec.bundled();
        LoadedModel model = new ModelRegistry(registry.toString()).loadNewest("ranker", spec.names(), spec.hash());
        assertThat(model.version().toString()).isEqualTo("ranker/" + VERSION);
        SessionSettings cpu = SessionSettings.defaults().withDevice(ScoringDevice.CPU);
        try (OnnxScorer scorer = new OnnxScorer(new OnnxValidator(cpu).validate(model))) {
            return scorer.score(tasks);
        }
    }
}
