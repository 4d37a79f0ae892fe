package io.reelrank.bench;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.bench.StageCpu.Stage;
import org.junit.jupiter.api.Test;

/**
 * The benchmark command's parts at a small scale, so that CI notices when one stops working
 * (the full run takes minutes and runs on demand only): the ceiling, the ranker alone and one
 * pipeline run, rendered as BenchMain renders them. The figures themselves are not checked here;
 * what is checked is what would silently make them wrong: every request answered, and the
 * pipeline's CPU attributed to the stages by thread name (an operator renamed in the workflow
 * would move the ranker's CPU to "other").
 */
class BenchSmokeITCase {

    @Test
    void measuresCeilingRankerAndPipelineAndRendersTheTable() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--parallelism", "1"});
        BenchCluster cluster = new BenchCluster(options);
        BenchReport report = BenchMain.report(options, cluster);

        ScoringCeiling ceiling = new ScoringCeiling(cluster);
        report.ceiling(ceiling.measure(ceiling.jobFeatureRows(20, 200), 1, 0.1));

        RankerBench.Result ranker = new RankerBench(cluster).measure(200, 200, 3);
        assertThat(ranker.rowsPerCandidate()).isGreaterThan(0.5);
        assertThat(ranker.fastestPerCpuSecond()).isGreaterThanOrEqualTo(ranker.candidatesPerCpuSecond());
        report.ranker(ranker);

        // Long enough for several of StageCpu's reads (every 250 ms) inside the measured window.
        long requests = 10_000;
        PipelineBench.Result pipeline = new PipelineBench(cluster)
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

        report.finish(1, Machine.load());
        String table = report.render();
        assertThat(table)
                .contains("machine: " + Runtime.getRuntime().availableProcessors() + " cores")
                .contains("| 1 | 200 |")
                .contains("ranker alone, one thread")
                .contains("pipeline at 200 candidates/request vs ceiling")
                .contains("CPU per candidate scored, by stage");
    }
}
