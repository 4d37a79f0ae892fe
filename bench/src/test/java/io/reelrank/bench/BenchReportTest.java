package io.reelrank.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/**
 * The report's text for fixed figures, character for character: every section filled for two
 * models side by side, and a run of one model with only some parts and no per-stage CPU (as off Linux).
 */
class BenchReportTest {

    private static final Machine MACHINE = new Machine(16, "Example CPU (family 25, model 17, AVX-512)",
            "OpenJDK 64-Bit Server VM 17.0.9", 0.42, "[CPU]");
    private static final ModelInputs MLP = new ModelInputs("ranker/1", 1, 21, 0, 0, 190.5, 0, Double.NaN, Double.NaN);
    private static final ModelInputs SEQUENCE =
            new ModelInputs("ranker/2", 2, 21, 50, 10_002, 190.5, 12.25, 0.995, 0.75);

    @Test
    void everySection() throws IOException {
        BenchReport report = report(false);
        report.ceiling(new ScoringCeiling.Measured(MLP, List.of(
                new ScoringCeiling.Point("ranker/1", 64, 1, 400_000, 410_000),
                new ScoringCeiling.Point("ranker/1", 256, 1, 520_000, 530_000))));
        report.ceiling(new ScoringCeiling.Measured(MLP, List.of(
                new ScoringCeiling.Point("ranker/1", 64, 2, 700_000, 380_000),
                new ScoringCeiling.Point("ranker/1", 256, 2, 900_000, 470_000))));
        report.ceiling(new ScoringCeiling.Measured(SEQUENCE, List.of(
                new ScoringCeiling.Point("ranker/2", 64, 1, 40_000, 41_000),
                new ScoringCeiling.Point("ranker/2", 256, 1, 52_000, 53_000),
                new ScoringCeiling.Point("ranker/2", 64, 2, 70_000, 38_000),
                new ScoringCeiling.Point("ranker/2", 256, 2, 90_000, 47_000))));
        report.ranker(new RankerBench.Result(200, 5_000, 9, 2_500_000, 2_300_000, 2_700_000, 0.875));
        report.pipeline(pipeline("ranker/1", 2, 200, stages()));
        report.pipeline(pipeline("ranker/2", 2, 200, stages()));
        report.pipeline(pipeline("ranker/1", 2, 1000, stages()));
        report.pipeline(pipeline("ranker/2", 2, 1000, stages()));
        report.ingestion(new IngestionBench.Result(new CounterRate.Rate(61_234.5, 40_100.2, 1.5, stages()), 0.125,
                Duration.ofMillis(1)));
        report.latency(pipeline("ranker/1", 2, 200, stages()));
        report.latencyWithoutCheckpoints(pipeline("ranker/1", 2, 200, stages()));
        report.latency(pipeline("ranker/2", 2, 200, stages()));
        report.latencyWithoutCheckpoints(pipeline("ranker/2", 2, 200, stages()));
        report.state(new StateSizeBench.Result(10_000, 2_000, 9_876_543, 123_456, 654_321, 2, 7_654_321));
        report.catalogHeap(100_000, new CatalogHeapBench.Result(812.5, 3.25, 251.5,
                new CatalogHeapBench.Write(40.5, 186.25), new CatalogHeapBench.Write(95.75, 317.5)));
        report.finish(1234.5, 1.75);

        assertThat(report.render()).isEqualTo(expected("bench-report-full.md"));
    }

    @Test
    void somePartsAndNoStages() throws IOException {
        BenchReport report = report(true);
        report.ranker(new RankerBench.Result(200, 1_000, 5, 2_500_000, 2_300_000, 2_700_000, 0.5));
        report.pipeline(pipeline("ranker/1", 2, 200, CounterRate.ByStage.UNKNOWN));
        report.finish(12, 0.5);

        assertThat(report.render()).isEqualTo(expected("bench-report-partial.md"));
    }

    private static BenchReport report(boolean quick) {
        BenchOptions options = new BenchOptions(quick, "cpu", 2, List.of(), List.of(200, 1000), 100_000, 1_000, 200_000, 2,
                20, 10, 10_000, 2_000, 100_000, 100_000, Set.of(), 0, Map.of());
        Configuration config = new Configuration();
        config.set(ReelRankOptions.MODEL_NAME, "ranker");
        config.set(ReelRankOptions.MAX_BATCH_ROWS, 1024);
        config.set(ReelRankOptions.MAX_BATCH_WAIT, Duration.ofMillis(5));
        config.set(ReelRankOptions.SCORER_THREADS, 1);
        config.set(ReelRankOptions.INTRA_OP_THREADS, 1);
        return new BenchReport(options, MACHINE, JobSettings.from(config), MemorySize.ofMebiBytes(512),
                quick ? List.of("ranker/1") : List.of("ranker/1", "ranker/2"));
    }

    private static PipelineBench.Result pipeline(String model, int parallelism, int candidates,
                                                 CounterRate.ByStage stages) {
        return new PipelineBench.Result(model, parallelism, candidates, 1_000, 50_000, 1_500.5, candidates,
                1_500.5 * candidates, 1.75, 12.4, 48.6, 91.2, 10, 300.5, 16_000.25, stages);
    }

    private static CounterRate.ByStage stages() {
        return new CounterRate.ByStage(new double[] {0.1, 0.3, 0.35, 0.05, 0.04, 0.06, 0.03, 0.07});
    }

    private static String expected(String resource) throws IOException {
        try (InputStream in = BenchReportTest.class.getResourceAsStream("/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
