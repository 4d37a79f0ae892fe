package io.reelrank.bench;

import io.reelrank.job.JobSettings;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * The benchmark command: on one machine, in one run, for each model under test side by side
 * ({@link BenchModel}: by default the feature-row MLP and the sequence model), the ONNX scoring
 * ceiling on the job's own scoring tasks, the ranker alone on one thread, the full pipeline at 50, 200 and 1000 candidates per request (parallelism 1 and
 * N), engagement ingestion alone, latency at half the measured maximum, state per user and per
 * video from a RocksDB snapshot, and heap per catalog video; then one table. Its options:
 * {@link BenchOptions#COMMAND}, or {@code --help}.
 */
public final class BenchMain {
    static final int ENGAGEMENTS_BESIDE_REQUESTS = 20_000;
    /** Where each model under test gets a registry of its own, relative to the repository's root. */
    private static final Path PINNED_MODELS = Path.of("target", "bench-models");

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchOptions.COMMAND.run(args, arguments -> run(BenchOptions.from(arguments)));
    }

    private static void run(BenchOptions options) throws Exception {
        BenchCluster cluster = new BenchCluster(options);
        List<BenchCluster> models = new ArrayList<>();
        for (BenchModel model : BenchModel.resolve(options.models(), jobSettings(cluster).model(),
                PINNED_MODELS)) {
            models.add(cluster.serving(model));
        }
        BenchReport report = report(options, cluster, models.stream().map(BenchCluster::modelLabel).toList());
        long started = System.nanoTime();
        int p = options.parallelism();

        if (options.runs("ceiling")) {
            // The tasks do not depend on the model: every model scores the same requests.
            List<ScoringTask> tasks = new ScoringCeiling(cluster).jobScoringTasks(options.quick() ? 100 : 300, 200);
            for (BenchCluster model : models) {
                ScoringCeiling ceiling = new ScoringCeiling(model);
                report.ceiling(ceiling.measure(tasks, 1, options.ceilingSecondsPerPoint()));
                if (p > 1) {
                    report.ceiling(ceiling.measure(tasks, p, options.ceilingSecondsPerPoint()));
                }
                progress("ceiling of " + model.modelLabel(), started);
            }
        }

        if (options.runs("ranker")) {
            report.ranker(new RankerBench(cluster).measure(200, options.quick() ? 1_000 : 5_000, options.quick() ? 5 : 9));
            progress("ranker", started);
        }

        if (options.runs("pipeline") || options.runs("latency")) {
            for (BenchCluster model : models) {
                // Unmeasured: a fresh JVM spent about a quarter of its CPU in the JIT compilers during the
                // first pipeline runs (async-profiler); a job that runs for days does not. Each model's
                // scoring path compiles on its own.
                new PipelineBench(model).run("warm-up", p, 200, options.warmupRequests(), ENGAGEMENTS_BESIDE_REQUESTS);
                progress("warm-up of " + model.modelLabel() + " (not measured)", started);
            }
        }
        if (options.runs("pipeline")) {
            for (int parallelism : p > 1 ? List.of(1, p) : List.of(p)) {
                for (int candidates : options.candidatesPerRequest()) {
                    // Models alternate run by run, so that a change in the machine's load touches them alike.
                    for (BenchCluster model : models) {
                        long requests = options.pipelineCandidates() / candidates;
                        report.pipeline(new PipelineBench(model).run("pipeline-p" + parallelism + "-c" + candidates,
                                parallelism, candidates, requests, ENGAGEMENTS_BESIDE_REQUESTS));
                        progress("pipeline of " + model.modelLabel() + " p=" + parallelism + " c=" + candidates,
                                started);
                    }
                }
            }
        }

        if (options.runs("ingestion")) {
            IngestionBench ingestion = new IngestionBench(cluster);
            if (!options.runs("pipeline")) {
                // Unmeasured, as the pipeline's warm-up: on a cold JVM the JIT compilers took about a
                // quarter of the CPU during ingestion (async-profiler).
                ingestion.eventsPerSecond(p, options.ingestionEvents() / 4);
                progress("ingestion warm-up (not measured)", started);
            }
            report.ingestion(ingestion.eventsPerSecond(p, options.ingestionEvents()));
            progress("ingestion", started);
        }

        if (options.runs("latency")) {
            for (BenchCluster model : models) {
                latency(options, report, model, started);
            }
        }

        if (options.runs("state")) {
            report.state(new StateSizeBench(cluster).measure(p, options.stateUsers(), options.stateVideos(),
                    options.stateEngagements()));
            progress("state", started);
        }
        if (options.runs("heap")) {
            report.catalogHeap(options.heapVideos(), new CatalogHeapBench(cluster).measure(options.heapVideos()));
        }

        report.finish((System.nanoTime() - started) / 1e9, Machine.load());
        System.out.print(report.render());
        // The embedded clusters' and ONNX Runtime's leftover non-daemon threads would keep the JVM alive.
        System.exit(0);
    }

    /** The latency of {@code model} at half the maximum its pipeline run at 200 candidates measured. */
    private static void latency(BenchOptions options, BenchReport report, BenchCluster model, long started)
            throws Exception {
        int p = options.parallelism();
        String label = model.modelLabel();
        double halfLoad = report.hasPipeline(label, p, 200) ? report.maxRequestsPerSecond(label, p, 200) / 2
                : options.latencyRate();
        double warmup = options.latencyWarmupSeconds();
        long requests = Math.max(100, (long) (halfLoad * (warmup + options.latencySeconds())));
        PipelineBench pipeline = new PipelineBench(model);
        report.latency(pipeline.run("latency", p, 200, requests, ENGAGEMENTS_BESIDE_REQUESTS, halfLoad, warmup));
        progress("latency of " + label, started);
        report.latencyWithoutCheckpoints(pipeline.run("latency-no-checkpoints", p, 200, requests,
                ENGAGEMENTS_BESIDE_REQUESTS, halfLoad, warmup, false));
        progress("latency of " + label + " without checkpoints (diagnostic)", started);
    }

    /** An empty report on this machine, headed with the job settings every measurement uses. */
    static BenchReport report(BenchOptions options, BenchCluster cluster, List<String> models) {
        Configuration settings = cluster.configuration("settings", options.parallelism());
        return new BenchReport(options, Machine.current(), cluster.settings(settings),
                BenchCluster.managedMemoryPerSlot(settings, options.parallelism()), models);
    }

    private static JobSettings jobSettings(BenchCluster cluster) {
        return cluster.settings(cluster.configuration("settings", 1));
    }

    private static void progress(String step, long started) {
        System.err.printf("[bench] %s done after %.0f s (load %.2f)%n", step, (System.nanoTime() - started) / 1e9,
                Machine.load());
    }
}
