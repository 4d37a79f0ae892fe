package io.reelrank.bench;

import static io.reelrank.bench.ReportCells.count;
import static io.reelrank.bench.ReportCells.percent;
import static io.reelrank.bench.ReportCells.share;

import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The report's throughput tables: the scoring ceiling, the full pipeline, and the pipeline's CPU
 * by stage, each with every model under test side by side.
 */
final class ThroughputTables {
    private final List<String> models;
    private final List<ScoringCeiling.Point> ceiling;
    private final List<PipelineBench.Result> pipeline;
    private final BiFunction<String, Integer, ScoringCeiling.Point> ceilingFor;

    /** {@code ceilingFor}: the ceiling a model's pipeline is held to on a number of threads, null if not measured. */
    ThroughputTables(List<String> models, List<ScoringCeiling.Point> ceiling, List<PipelineBench.Result> pipeline,
                     BiFunction<String, Integer, ScoringCeiling.Point> ceilingFor) {
        this.models = models;
        this.ceiling = ceiling;
        this.pipeline = pipeline;
        this.ceilingFor = ceilingFor;
    }

    /** Candidates per second by batch size (rows) and model and thread count (columns). */
    void renderCeiling(StringBuilder out) {
        out.append("Scoring ceiling: ONNX Runtime alone on the job's scoring tasks (feature rows, candidate ids,"
                + " histories), batches of whole requests cut to the batch's candidates, candidates/s\n\n");
        List<Integer> threadCounts = threadCounts();
        out.append("| batch |");
        for (String model : models) {
            threadCounts.forEach(t -> out.append(' ').append(model).append(", ").append(t)
                    .append(t == 1 ? " thread |" : " threads |").append(" per CPU-s |"));
        }
        out.append('\n').append("| ---: |")
                .append(" ---: | ---: |".repeat(threadCounts.size() * models.size())).append('\n');
        for (int batch : ScoringCeiling.BATCH_SIZES) {
            out.append("| ").append(batch).append(" |");
            for (String model : models) {
                for (int threads : threadCounts) {
                    String cells = ceiling.stream().filter(c -> c.model().equals(model) && c.batchSize() == batch
                                    && c.threads() == threads).findFirst()
                            .map(c -> ' ' + count(c.candidatesPerSecond()) + " | " + count(c.candidatesPerCpuSecond())
                                    + " |")
                            .orElse(" | |");
                    out.append(cells);
                }
            }
            out.append('\n');
        }
    }

    /** One row per pipeline run, with its share of its model's ceiling on as many threads. */
    void renderPipeline(StringBuilder out) {
        out.append("\nFull pipeline, steady state: requests/s, candidates scored/s, share of the model's ceiling on"
                + " as many threads as the pipeline has rankers, latency from source to recommendation at full load\n\n");
        out.append("| model | parallelism | candidates/request | requests/s | candidates/s | vs ceiling | CPU cores used"
                + " | JIT share | candidates per CPU-s | vs ceiling per CPU-s | p50 ms | p99 ms |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PipelineBench.Result r : pipeline) {
            ScoringCeiling.Point best = ceilingFor.apply(r.model(), r.parallelism());
            String share = best != null ? percent(r.candidatesPerSecond() / best.candidatesPerSecond()) : "n/a";
            String shareCpu = best != null ? percent(r.candidatesPerCpuSecond() / best.candidatesPerCpuSecond()) : "n/a";
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %.2f | %s | %s | %s | %.0f | %.0f |%n",
                    r.model(), r.parallelism(), r.candidates(), count(r.requestsPerSecond()),
                    count(r.candidatesPerSecond()), share, r.cpuCores(), share(r.stages().share(StageCpu.Stage.JIT)),
                    count(r.candidatesPerCpuSecond()), shareCpu, r.p50(), r.p99()));
        }
    }

    /**
     * Each pipeline run's CPU per candidate scored, by stage: per CPU-second the pipeline's share
     * of the ceiling is the ceiling's ns per candidate over the sum of this row, so the row is
     * what stands between the two. Nothing where no run knows its stages (not Linux).
     */
    void renderStages(StringBuilder out) {
        if (pipeline.stream().allMatch(r -> Double.isNaN(r.stages().share(StageCpu.Stage.OTHER)))) {
            return;
        }
        StageCpu.Stage[] stages = StageCpu.Stage.values();
        out.append("\nCPU per candidate scored, by stage (ns, same window; threads by name, see StageCpu)\n\n");
        out.append("| model | parallelism | candidates/request |");
        for (StageCpu.Stage stage : stages) {
            out.append(' ').append(stage.label).append(" |");
        }
        out.append(" all |\n| --- | ---: | ---: |").append(" ---: |".repeat(stages.length + 1)).append('\n');
        for (PipelineBench.Result r : pipeline) {
            double nanos = 1e9 / r.candidatesPerCpuSecond();
            out.append("| ").append(r.model()).append(" | ").append(r.parallelism()).append(" | ")
                    .append(r.candidates()).append(" |");
            for (StageCpu.Stage stage : stages) {
                out.append(String.format(Locale.ROOT, " %.0f |", nanos * r.stages().share(stage)));
            }
            out.append(String.format(Locale.ROOT, " %.0f |%n", nanos));
        }
        out.append('\n');
        for (String model : models) {
            for (int threads : threadCounts()) {
                ScoringCeiling.Point best = ceilingFor.apply(model, threads);
                if (best != null) {
                    out.append(String.format(Locale.ROOT, "%s's ceiling scores a candidate in %.0f ns of CPU on %d"
                                    + " thread(s) (batch %d); 50%% of it per CPU-second leaves the pipeline %.0f ns per"
                                    + " candidate in all.%n", model, 1e9 / best.candidatesPerCpuSecond(), threads,
                            best.batchSize(), 2e9 / best.candidatesPerCpuSecond()));
                }
            }
        }
    }

    private List<Integer> threadCounts() {
        return ceiling.stream().map(ScoringCeiling.Point::threads).distinct().sorted().toList();
    }
}
