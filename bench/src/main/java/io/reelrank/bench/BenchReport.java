package io.reelrank.bench;

import io.reelrank.job.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;

/** Collects the figures of one run and renders them as one Markdown table set, with the targets. */
final class BenchReport {
    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_INGESTION = 50_000;
    private static final double TARGET_P99_MS = 100;
    private static final double TARGET_USER_BYTES = 2048;

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
        int p = options.parallelism();
        StringBuilder out = new StringBuilder();
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

        if (!ceiling.isEmpty()) {
            renderCeiling(out);
        }
        if (!pipeline.isEmpty()) {
            renderPipeline(out);
            renderStages(out);
        }
        out.append("\nTargets and sizes (parallelism ").append(p).append("). \"per CPU-s\" divides by the CPU time the"
                + " JVM actually got; times the core count it estimates the figure on idle cores.\n\n");
        out.append("| measure | as measured | per CPU-s | target | met as measured | met on ").append(machine.cores())
                .append(" idle cores (est.) |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        int cores = machine.cores();
        if (!ceiling.isEmpty() && hasPipeline(p, 200)) {
            PipelineBench.Result r = result(p, 200);
            ScoringCeiling.Point c = ceilingFor(p);
            double wall = r.candidatesPerSecond() / c.candidatesPerSecond();
            double perCpu = r.candidatesPerCpuSecond() / c.candidatesPerCpuSecond();
            row(out, "pipeline at 200 candidates/request vs ceiling", percent(wall), percent(perCpu), ">= 50%",
                    wall >= TARGET_RATIO, perCpu >= TARGET_RATIO);
        }
        if (ranker != null) {
            String vsCeiling = ceiling.stream().anyMatch(c -> c.threads() == 1)
                    ? String.format(Locale.ROOT, "; the ceiling scores one in %.0f ns on one thread",
                            1e9 / ceilingFor(1).candidatesPerCpuSecond())
                    : "";
            row(out, String.format(Locale.ROOT, "ranker alone, one thread (%d requests of %d candidates, %.0f%% kept"
                            + " after the filters; user state on the heap; median of %d rounds, %.0f-%.0f ns): candidates"
                            + " per CPU-s, %.0f ns each%s", ranker.requests(), ranker.candidatesPerRequest(),
                            100 * ranker.rowsPerCandidate(), ranker.rounds(), 1e9 / ranker.fastestPerCpuSecond(),
                            1e9 / ranker.slowestPerCpuSecond(), ranker.nanosPerCandidate(), vsCeiling),
                    "", count(ranker.candidatesPerCpuSecond()), "", null, null);
        }
        if (ingestion != null) {
            CounterRate.Rate rate = ingestion.rate();
            row(out, String.format(Locale.ROOT, "engagement ingestion, events/s (parse, event time, video stats, user"
                            + " state; %s ms apart in event time, %.2f stats updates per engagement; JIT %s of the CPU)",
                            ingestion.eventSpacing().toMillis(), ingestion.statsUpdatesPerEngagement(),
                            share(rate.stages().share(StageCpu.Stage.JIT))),
                    count(rate.perSecond()), count(rate.perCpuSecond()), ">= 50,000/s",
                    rate.perSecond() >= TARGET_INGESTION, rate.perCpuSecond() * cores >= TARGET_INGESTION);
        }
        if (latency != null) {
            row(out, String.format(Locale.ROOT, "latency at half load (%s requests/s of 200, after a %.0f s warm-up):"
                    + " p50", count(latency.requestRate()), latency.warmupSeconds()), ms(latency.p50()), "", "", null, null);
            row(out, "latency at half load: p99 (max " + ms(latency.max()) + ")", ms(latency.p99()), "", "< 100 ms",
                    latency.p99() < TARGET_P99_MS, null);
            row(out, "latency during the warm-up (job start: catalog, start-up engagements, JIT): p99 (max "
                    + ms(latency.startupMax()) + ")", ms(latency.startupP99()), "", "", null, null);
            row(out, "checkpoints' part of the CPU over the measured latency window (async phase, RocksDB threads;"
                    + " the synchronous phase runs on the ranker's thread)",
                    share(latency.stages().share(StageCpu.Stage.CHECKPOINTS)), "", "", null, null);
            if (latencyWithoutCheckpoints != null) {
                row(out, String.format(Locale.ROOT, "diagnostic: the same run with no checkpoint (%s requests/s):"
                                + " p50 %s, p99 (max %s)", count(latencyWithoutCheckpoints.requestRate()),
                                ms(latencyWithoutCheckpoints.p50()), ms(latencyWithoutCheckpoints.max())),
                        ms(latencyWithoutCheckpoints.p99()), "", "", null, null);
            }
        }
        if (state != null) {
            row(out, String.format(Locale.ROOT, "RocksDB state per active user (%,d users)", state.activeUsers()),
                    bytes(state.bytesPerUser()), "", "< 2 KiB", state.bytesPerUser() < TARGET_USER_BYTES, null);
            row(out, "the same in a canonical savepoint (each live value and timer once, uncompressed; the native"
                            + " one above is LZ4-compressed and holds versions compaction has not dropped yet)",
                    bytes(state.canonicalBytesPerUser()), "", "", null, null);
            row(out, String.format(Locale.ROOT, "RocksDB video-stats state per catalog video (%,d videos)",
                    state.catalogVideos()), bytes(state.bytesPerVideo()), "", "", null, null);
            row(out, "catalog broadcast state in the snapshot per video, per ranker instance",
                    bytes(state.catalogBroadcastBytes() / (double) state.parallelism() / state.catalogVideos()), "", "",
                    null, null);
        }
        if (heapVideos > 0) {
            row(out, String.format(Locale.ROOT, "ranker heap per catalog video (%,d videos: entry + index)", heapVideos),
                    bytes(catalogHeap.bytesPerVideo()), "", "", null, null);
            row(out, String.format(Locale.ROOT, "checkpoint's synchronous copy of that catalog, per ranker: shared"
                            + " entries (POJO deep copy, as before: %.1f ms)", catalogHeap.pojoCopyMillis()),
                    String.format(Locale.ROOT, "%.1f ms", catalogHeap.sharedCopyMillis()), "", "", null, null);
            CatalogHeapBench.Write write = catalogHeap.write();
            CatalogHeapBench.Write pojo = catalogHeap.pojoWrite();
            row(out, String.format(Locale.ROOT, "checkpoint's asynchronous write of that catalog, per ranker, %s per"
                            + " video (POJO serializer, as before: %.1f ms, %s per video)", bytes(write.bytesPerVideo()),
                            pojo.millis(), bytes(pojo.bytesPerVideo())),
                    String.format(Locale.ROOT, "%.1f ms", write.millis()), "", "", null, null);
        }
        return out.toString();
    }

    private void renderCeiling(StringBuilder out) {
        out.append("Scoring ceiling: ONNX Runtime alone on the job's feature rows, candidates/s\n\n");
        List<Integer> threadCounts = ceiling.stream().map(ScoringCeiling.Point::threads).distinct().toList();
        out.append("| batch |");
        threadCounts.forEach(t -> out.append(' ').append(t).append(t == 1 ? " thread |" : " threads |")
                .append(" per CPU-s |"));
        out.append('\n').append("| ---: |").append(" ---: | ---: |".repeat(threadCounts.size())).append('\n');
        for (int batch : ScoringCeiling.BATCH_SIZES) {
            out.append("| ").append(batch).append(" |");
            for (int threads : threadCounts) {
                ceiling.stream().filter(c -> c.batchSize() == batch && c.threads() == threads).findFirst()
                        .ifPresent(c -> out.append(' ').append(count(c.candidatesPerSecond())).append(" | ")
                                .append(count(c.candidatesPerCpuSecond())).append(" |"));
            }
            out.append('\n');
        }
    }

    private void renderPipeline(StringBuilder out) {
        out.append("\nFull pipeline, steady state: requests/s, candidates scored/s, share of the ceiling on as many"
                + " threads as the pipeline has rankers, latency from source to recommendation at full load\n\n");
        out.append("| parallelism | candidates/request | requests/s | candidates/s | vs ceiling | CPU cores used"
                + " | JIT share | candidates per CPU-s | vs ceiling per CPU-s | p50 ms | p99 ms |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PipelineBench.Result r : pipeline) {
            boolean known = ceiling.stream().anyMatch(c -> c.threads() == r.parallelism());
            String share = known ? percent(r.candidatesPerSecond() / ceilingFor(r.parallelism()).candidatesPerSecond())
                    : "n/a";
            String shareCpu = known
                    ? percent(r.candidatesPerCpuSecond() / ceilingFor(r.parallelism()).candidatesPerCpuSecond()) : "n/a";
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %.2f | %s | %s | %s | %.0f | %.0f |%n",
                    r.parallelism(), r.candidates(), count(r.requestsPerSecond()), count(r.candidatesPerSecond()), share,
                    r.cpuCores(), share(r.stages().share(StageCpu.Stage.JIT)),
                    count(r.candidatesPerCpuSecond()), shareCpu, r.p50(), r.p99()));
        }
    }

    /**
     * Each pipeline run's CPU per candidate scored, by stage: per CPU-second the pipeline's share
     * of the ceiling is the ceiling's ns per candidate over the sum of this row, so the row is
     * what stands between the two.
     */
    private void renderStages(StringBuilder out) {
        if (pipeline.stream().allMatch(r -> Double.isNaN(r.stages().share(StageCpu.Stage.OTHER)))) {
            return; // not Linux
        }
        StageCpu.Stage[] stages = StageCpu.Stage.values();
        out.append("\nCPU per candidate scored, by stage (ns, same window; threads by name, see StageCpu)\n\n");
        out.append("| parallelism | candidates/request |");
        for (StageCpu.Stage stage : stages) {
            out.append(' ').append(stage.label).append(" |");
        }
        out.append(" all |\n| ---: | ---: |").append(" ---: |".repeat(stages.length + 1)).append('\n');
        for (PipelineBench.Result r : pipeline) {
            double nanos = 1e9 / r.candidatesPerCpuSecond();
            out.append("| ").append(r.parallelism()).append(" | ").append(r.candidates()).append(" |");
            for (StageCpu.Stage stage : stages) {
                out.append(String.format(Locale.ROOT, " %.0f |", nanos * r.stages().share(stage)));
            }
            out.append(String.format(Locale.ROOT, " %.0f |%n", nanos));
        }
        ceiling.stream().map(ScoringCeiling.Point::threads).distinct().forEach(threads -> out.append(String.format(
                Locale.ROOT, "%nThe ceiling scores a candidate in %.0f ns of CPU on %d thread(s) (batch %d); 50%% of it"
                        + " per CPU-second leaves the pipeline %.0f ns per candidate in all.%n",
                1e9 / ceilingFor(threads).candidatesPerCpuSecond(), threads, ceilingFor(threads).batchSize(),
                2e9 / ceilingFor(threads).candidatesPerCpuSecond())));
    }

    boolean hasPipeline(int parallelism, int candidates) {
        return pipeline.stream().anyMatch(r -> r.parallelism() == parallelism && r.candidates() == candidates);
    }

    private PipelineBench.Result result(int parallelism, int candidates) {
        return pipeline.stream().filter(r -> r.parallelism() == parallelism && r.candidates() == candidates)
                .findFirst().orElseThrow(() -> new IllegalStateException("no pipeline run at parallelism "
                        + parallelism + " with " + candidates + " candidates"));
    }

    private static void row(StringBuilder out, String measure, String value, String perCpu, String target,
                            Boolean met, Boolean metIdle) {
        out.append("| ").append(measure).append(" | ").append(value).append(" | ").append(perCpu).append(" | ")
                .append(target).append(" | ").append(yes(met)).append(" | ").append(yes(metIdle)).append(" |\n");
    }

    private static String yes(Boolean met) {
        return met == null ? "" : met ? "yes" : "**no**";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String share(double share) {
        return Double.isNaN(share) ? "n/a" : percent(share);
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String bytes(double value) {
        return String.format(Locale.ROOT, "%,.0f B", value);
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
