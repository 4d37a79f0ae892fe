package io.reelrank.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.bench.StageCpu.Stage;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark command's parts at a small scale, so that CI notices when one stops working
 * (the full run takes minutes and runs on demand only): the ceiling, the ranker alone and one
 * pipeline run, for the feature-row model and a contract v2 model side by side, rendered as
 * BenchMain renders them. The v2 model is udf's test fixture (the job's feature spec, a
 * vocabulary of three ids, history of 4): its figures say nothing, its path through the ceiling
 * and the pipeline is what runs. The figures themselves are not checked here; what is checked is
 * what would silently make them wrong: every request answered, the tasks carrying histories, and
 * the pipeline's CPU attributed to the stages by thread name (an operator renamed in the
 * workflow would move the ranker's CPU to "other").
 */
class BenchSmokeITCase {
    /** udf's contract v2 fixture; the failsafe runs in the repository's root, as BenchMain does. */
    private static final Path SEQUENCE_FIXTURE = Path.of("udf/src/test/resources/models/v2/ranker");

    @Test
    void measuresCeilingRankerAndPipelineOfBothContractsAndRendersTheTable(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--parallelism", "1"});
        BenchCluster cluster = new BenchCluster(options);
        Path registry = Files.createDirectories(dir.resolve("registry/ranker/2"));
        for (String file : List.of("model.onnx", "model.json", "vocabulary.txt")) {
            Files.copy(SEQUENCE_FIXTURE.resolve(file), registry.resolve(file));
        }
        ModelSource jobModel = cluster.settings(cluster.configuration("settings", 1)).model();
        List<BenchModel> models = BenchModel.resolve(List.of("ranker/1", dir.resolve("registry") + ":ranker/2"),
                jobModel, dir.resolve("pinned"));
        assertThat(models).extracting(BenchModel::contractVersion).containsExactly(1, 2);
        // Unnamed, the models are the newest of each contract: here ranker/1 stays the newest v1.
        Path mlp1 = Files.createDirectories(dir.resolve("registry/ranker/1"));
        for (String file : List.of("model.onnx", "model.json")) {
            Files.copy(Path.of("models/registry/ranker/1").resolve(file), mlp1.resolve(file));
        }
        ModelSource both = new ModelSource(dir.resolve("registry").toString(), "ranker", jobModel.expectedFeatures(),
                jobModel.expectedSpecHash());
        assertThat(BenchModel.resolve(List.of(), both, dir.resolve("pinned-default")))
                .extracting(BenchModel::label).containsExactly("ranker/1", "ranker/2");
        BenchCluster mlp = cluster.serving(models.get(0));
        BenchCluster sequence = cluster.serving(models.get(1));
        BenchReport report = BenchMain.report(options, cluster, List.of(mlp.modelLabel(), sequence.modelLabel()));

        List<ScoringTask> tasks = new ScoringCeiling(cluster).jobScoringTasks(20, 200);
        assertThat(tasks).anyMatch(task -> task.history().size() > 0);
        report.ceiling(new ScoringCeiling(mlp).measure(tasks, 1, 0.1));
        report.ceiling(new ScoringCeiling(sequence).measure(tasks, 1, 0.1));

        RankerBench.Result ranker = new RankerBench(cluster).measure(200, 200, 3);
        assertThat(ranker.rowsPerCandidate()).isGreaterThan(0.5);
        assertThat(ranker.fastestPerCpuSecond()).isGreaterThanOrEqualTo(ranker.candidatesPerCpuSecond());
        report.ranker(ranker);

        // Long enough for several of StageCpu's reads (every 250 ms) inside the measured window.
        long requests = 10_000;
        PipelineBench.Result pipeline = new PipelineBench(mlp)
                .run("smoke", 1, 200, requests, BenchMain.ENGAGEMENTS_BESIDE_REQUESTS);
        assertThat(pipeline.recommendations()).isEqualTo(requests);
        assertThat(pipeline.candidatesPerRequest()).isBetween(1.0, 200.0);
        assertThat(pipeline.candidatesPerSecond()).isPositive();
        CounterRate.ByStage stages = pipeline.stages();
        if (StageCpu.available()) {
            assertThat(stages.share(Stage.RANKER)).as("ranker's share of the CPU").isGreaterThan(0.05);
            assertThat(stages.share(Stage.SCORER)).as("scorer's share").isPositive();
            assertThat(stages.share(Stage.SOURCES)).as("sources' share").isPositive();
            assertThat(stages.share(Stage.OTHER)).as("unattributed share").isLessThan(stages.share(Stage.RANKER));
        }
        report.pipeline(pipeline);
        PipelineBench.Result sequencePipeline = new PipelineBench(sequence)
                .run("smoke-sequence", 1, 200, 2_000, BenchMain.ENGAGEMENTS_BESIDE_REQUESTS);
        assertThat(sequencePipeline.recommendations()).isEqualTo(2_000);
        assertThat(sequencePipeline.candidatesPerSecond()).isPositive();
        report.pipeline(sequencePipeline);

        report.finish(1, Machine.load());
        String table = report.render();
        assertThat(table)
                .contains("machine: " + Runtime.getRuntime().availableProcessors() + " cores")
                .contains("| ranker/1 | 1 | 200 |")
                .contains("| ranker/2 | 1 | 200 |")
                .contains("- ranker/2: contract v2, 21 features, history of 4")
                .contains("ranker alone, one thread")
                .contains("ranker/1: pipeline at 200 candidates/request vs its ceiling")
                .contains("ranker/2: pipeline at 200 candidates/request vs its ceiling")
                .contains("CPU per candidate scored, by stage");
    }
}
