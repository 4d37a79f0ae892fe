package io.reelrank.bench;

import io.reelrank.job.JobSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;

/**
 * Collects the figures of one run and renders them as one Markdown table set, with the targets;
 * each model under test gets its own columns or rows, side by side.
 */
final class BenchReport {
    private final BenchOptions options;
    private final Machine machine;
    private final JobSettings settings;
    private final MemorySize managedMemoryPerSlot;
    private final List<String> models;
    private final Map<String, ModelInputs> inputs = new LinkedHashMap<>();
    private final List<ScoringCeiling.Point> ceiling = new ArrayList<>();
    private final List<PipelineBench.Result> pipeline = new ArrayList<>();
    private IngestionBench.Result ingestion;
    private RankerBench.Result ranker;
    private final List<PipelineBench.Result> latency = new ArrayList<>();
    private final Map<String, PipelineBench.Result> latencyWithoutCheckpoints = new LinkedHashMap<>();
    private StateSizeBench.Result state;
    private int heapVideos;
    private CatalogHeapBench.Result catalogHeap;
    private double seconds;
    private double endLoad;

    /** {@code models}: the labels of the models under test, in the report's order. */
    BenchReport(BenchOptions options, Machine machine, JobSettings settings, MemorySize managedMemoryPerSlot,
                List<String> models) {
        this.options = options;
        this.machine = machine;
        this.settings = settings;
        this.managedMemoryPerSlot = managedMemoryPerSlot;
        this.models = List.copyOf(models);
    }

    void ceiling(ScoringCeiling.Measured measured) {
        inputs.put(measured.inputs().model(), measured.inputs());
        ceiling.addAll(measured.points());
    }

    void pipeline(PipelineBench.Result result) {
        pipeline.add(result);
    }

    void ranker(RankerBench.Result result) {
        ranker = result;
    }

    void ingestion(IngestionBench.Result result) {
        ingestion = result;
    }

    void latency(PipelineBench.Result result) {
        latency.add(result);
    }

    void latencyWithoutCheckpoints(PipelineBench.Result result) {
        latencyWithoutCheckpoints.put(result.model(), result);
    }

    void state(StateSizeBench.Result result) {
        state = result;
    }

    void catalogHeap(int videos, CatalogHeapBench.Result result) {
        heapVideos = videos;
        catalogHeap = result;
    }

    void finish(double totalSeconds, double load) {
        seconds = totalSeconds;
        endLoad = load;
    }

    double maxRequestsPerSecond(String model, int parallelism, int candidates) {
        return result(model, parallelism, candidates).requestsPerSecond();
    }

    /**
     * The ceiling {@code model}'s pipeline is held to: the best batch it could form, on as many
     * threads as it scores with; null when not measured.
     */
    ScoringCeiling.Point ceilingFor(String model, int threads) {
        List<ScoringCeiling.Point> points = ceiling.stream()
                .filter(p -> p.model().equals(model) && p.threads() == threads).toList();
        return points.isEmpty() ? null : ScoringCeiling.best(points, settings.scorer().maxBatchRows());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        renderHeading(out);
        ThroughputTables throughput = new ThroughputTables(models, ceiling, pipeline, this::ceilingFor);
        if (!ceiling.isEmpty()) {
            throughput.renderCeiling(out);
            ModelLines.render(out, inputs.values());
        }
        if (!pipeline.isEmpty()) {
            throughput.renderPipeline(out);
            throughput.renderStages(out);
        }
        renderTargets(out);
        return out.toString();
    }

    /** The run, the machine and the job's settings every measurement shares. */
    private void renderHeading(StringBuilder out) {
        out.append(String.format(Locale.ROOT, "# ReelRank benchmark (%s run, device %s, %.0f s)%n%n",
                options.quick() ? "quick" : "full", options.device(), seconds));
        out.append(String.format(Locale.ROOT, "machine: %d cores, %s, %s; load average %.2f at start, %.2f at end;"
                        + " ONNX Runtime providers %s%n", machine.cores(), machine.cpu(), machine.java(),
                machine.loadAverage(), endLoad, machine.onnxProviders()));
        out.append(String.format(Locale.ROOT, "job: models %s (%d features), RocksDB with %s of managed memory"
                        + " per slot, incremental checkpoints"
                        + " every 10 s, batches up to %d rows or %d ms, %d scorer thread(s) and %d intra-op thread(s)"
                        + " per ranker; engagements and requests generated in the same JVM before each run emits%n%n",
                String.join(" and ", models), settings.spec().names().size(),
                managedMemoryPerSlot.getMebiBytes() + " MiB", settings.scorer().maxBatchRows(),
                settings.scorer().maxWait().toMillis(), settings.scorer().scorerThreads(),
                settings.scorer().session().intraOpThreads()));
    }

    /** The table of targets and sizes: a row for each part that ran. */
    private void renderTargets(StringBuilder out) {
        int p = options.parallelism();
        TargetsTable targets = TargetsTable.start(out, p, machine.cores());
        for (String model : models) {
            if (ceilingFor(model, p) != null && hasPipeline(model, p, 200)) {
                targets.pipelineVsCeiling(result(model, p, 200), ceilingFor(model, p));
            }
        }
        if (ranker != null) {
            targets.ranker(ranker, models.isEmpty() ? null : ceilingFor(models.get(0), 1));
        }
        if (ingestion != null) {
            targets.ingestion(ingestion);
        }
        for (PipelineBench.Result run : latency) {
            targets.latency(run, latencyWithoutCheckpoints.get(run.model()));
        }
        if (state != null) {
            targets.stateSize(state);
        }
        if (heapVideos > 0) {
            targets.catalogHeap(heapVideos, catalogHeap);
        }
    }

    boolean hasPipeline(String model, int parallelism, int candidates) {
        return pipeline.stream().anyMatch(r -> r.model().equals(model) && r.parallelism() == parallelism
                && r.candidates() == candidates);
    }

    private PipelineBench.Result result(String model, int parallelism, int candidates) {
        return pipeline.stream().filter(r -> r.model().equals(model) && r.parallelism() == parallelism
                        && r.candidates() == candidates)
                .findFirst().orElseThrow(() -> new IllegalStateException("no pipeline run of " + model
                        + " at parallelism " + parallelism + " with " + candidates + " candidates"));
    }
}
