package io.reelrank.bench;

import io.reelrank.job.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;

/** Collects the figures of one run and renders them as one Markdown table set, with the targets. */
final class BenchReport {
    private final BenchOptions options;
    private final Machine machine;
    private final JobSettings settings;
    private final MemorySize managedMemoryPerSlot;
    private final List<ScoringCeiling.Point> ceiling = new ArrayList<>();
    private final List<PipelineBench.Result> pipeline = new ArrayList<>();
    private IngestionBench.Result ingestion;
    private RankerBench.Result ranker;
    private PipelineBench.Result latency;
    private PipelineBench.Result latencyWithoutCheckpoints;
    private StateSizeBench.Result state;
    private int heapVideos;
    private CatalogHeapBench.Result catalogHeap;
    private double seconds;
    private double endLoad;

    BenchReport(BenchOptions options, Machine machine, JobSettings settings, MemorySize managedMemoryPerSlot) {
        this.options = options;
        this.machine = machine;
        this.settings = settings;
        this.managedMemoryPerSlot = managedMemoryPerSlot;
    }

    void ceiling(List<ScoringCeiling.Point> points) {
        ceiling.addAll(points);
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
        latency = result;
    }

    void latencyWithoutCheckpoints(PipelineBench.Result result) {
        latencyWithoutCheckpoints = result;
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

    double maxRequestsPerSecond(int parallelism, int candidates) {
        return result(parallelism, candidates).requestsPerSecond();
    }

    /** The ceiling the pipeline is held to: the best batch it could form, on as many threads as it scores with. */
    ScoringCeiling.Point ceilingFor(int threads) {
        return ScoringCeiling.best(ceiling.stream().filter(p -> p.threads() == threads).toList(),
                settings.scorer().maxBatchRows());
    }

    String render() {
        StringBuilder out = new StringBuilder();
        renderHeading(out);
        ThroughputTables throughput = new ThroughputTables(ceiling, pipeline, this::ceilingFor);
        if (!ceiling.isEmpty()) {
            throughput.renderCeiling(out);
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
        out.append(String.format(Locale.ROOT, "job: model %s/newest (%d features), RocksDB with %s of managed memory"
                        + " per slot, incremental checkpoints"
                        + " every 10 s, batches up to %d rows or %d ms, %d scorer thread(s) and %d intra-op thread(s)"
                        + " per ranker; engagements and requests generated in the same JVM before each run emits%n%n",
                settings.model().modelName(), settings.spec().names().size(),
                managedMemoryPerSlot.getMebiBytes() + " MiB", settings.scorer().maxBatchRows(),
                settings.scorer().maxWait().toMillis(), settings.scorer().scorerThreads(),
                settings.scorer().session().intraOpThreads()));
    }

    /** The table of targets and sizes: a row for each part that ran. */
    private void renderTargets(StringBuilder out) {
        int p = options.parallelism();
        TargetsTable targets = TargetsTable.start(out, p, machine.cores());
        if (!ceiling.isEmpty() && hasPipeline(p, 200)) {
            targets.pipelineVsCeiling(result(p, 200), ceilingFor(p));
        }
        if (ranker != null) {
            targets.ranker(ranker, ceiling.stream().anyMatch(c -> c.threads() == 1) ? ceilingFor(1) : null);
        }
        if (ingestion != null) {
            targets.ingestion(ingestion);
        }
        if (latency != null) {
            targets.latency(latency, latencyWithoutCheckpoints);
        }
        if (state != null) {
            targets.stateSize(state);
        }
        if (heapVideos > 0) {
            targets.catalogHeap(heapVideos, catalogHeap);
        }
    }

    boolean hasPipeline(int parallelism, int candidates) {
        return pipeline.stream().anyMatch(r -> r.parallelism() == parallelism && r.candidates() == candidates);
    }

    private PipelineBench.Result result(int parallelism, int candidates) {
        return pipeline.stream().filter(r -> r.parallelism() == parallelism && r.candidates() == candidates)
                .findFirst().orElseThrow(() -> new IllegalStateException("no pipeline run at parallelism "
                        + parallelism + " with " + candidates + " candidates"));
    }
}
