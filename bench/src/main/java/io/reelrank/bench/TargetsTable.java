package io.reelrank.bench;

import static io.reelrank.bench.ReportCells.bytes;
import static io.reelrank.bench.ReportCells.count;
import static io.reelrank.bench.ReportCells.ms;
import static io.reelrank.bench.ReportCells.percent;
import static io.reelrank.bench.ReportCells.share;
import static io.reelrank.bench.ReportCells.yes;

import java.util.Locale;

/**
 * The report's last table: one row per measure, as measured and per CPU-second, beside its
 * target where it has one, and whether the target is met as measured and on idle cores (per
 * CPU-second times the core count).
 */
final class TargetsTable {
    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_INGESTION = 50_000;
    private static final double TARGET_P99_MS = 100;
    private static final double TARGET_USER_BYTES = 2048;

    private final StringBuilder out;
    private final int cores;

    private TargetsTable(StringBuilder out, int cores) {
        this.out = out;
        this.cores = cores;
    }

    /** Writes the table's heading to {@code out}; the rows follow as they are added. */
    static TargetsTable start(StringBuilder out, int parallelism, int cores) {
        out.append("\nTargets and sizes (parallelism ").append(parallelism).append("). \"per CPU-s\" divides by the"
                + " CPU time the JVM actually got; times the core count it estimates the figure on idle cores.\n\n");
        out.append("| measure | as measured | per CPU-s | target | met as measured | met on ").append(cores)
                .append(" idle cores (est.) |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        return new TargetsTable(out, cores);
    }

    void pipelineVsCeiling(PipelineBench.Result result, ScoringCeiling.Point ceiling) {
        double wall = result.candidatesPerSecond() / ceiling.candidatesPerSecond();
        double perCpu = result.candidatesPerCpuSecond() / ceiling.candidatesPerCpuSecond();
        row(result.model() + ": pipeline at 200 candidates/request vs its ceiling", percent(wall), percent(perCpu), ">= 50%",
                wall >= TARGET_RATIO, perCpu >= TARGET_RATIO);
    }

    /** {@code oneThread}: the ceiling on one thread, null when it was not measured. */
    void ranker(RankerBench.Result ranker, ScoringCeiling.Point oneThread) {
        String vsCeiling = oneThread == null ? "" : String.format(Locale.ROOT,
                "; %s's ceiling scores one in %.0f ns on one thread", oneThread.model(),
                1e9 / oneThread.candidatesPerCpuSecond());
        row(String.format(Locale.ROOT, "ranker alone, one thread (%d requests of %d candidates, %.0f%% kept after the"
                        + " filters; user state on the heap; median of %d rounds, %.0f-%.0f ns): candidates per CPU-s,"
                        + " %.0f ns each%s", ranker.requests(), ranker.candidatesPerRequest(),
                        100 * ranker.rowsPerCandidate(), ranker.rounds(), 1e9 / ranker.fastestPerCpuSecond(),
                        1e9 / ranker.slowestPerCpuSecond(), ranker.nanosPerCandidate(), vsCeiling),
                "", count(ranker.candidatesPerCpuSecond()), "", null, null);
    }

    void ingestion(IngestionBench.Result ingestion) {
        CounterRate.Rate rate = ingestion.rate();
        row(String.format(Locale.ROOT, "engagement ingestion, events/s (parse, event time, video stats, user state;"
                                + " %s ms apart in event time, %.2f stats updates per engagement; JIT %s of the CPU)",
                        ingestion.eventSpacing().toMillis(), ingestion.statsUpdatesPerEngagement(),
                        share(rate.stages().share(StageCpu.Stage.JIT))),
                count(rate.perSecond()), count(rate.perCpuSecond()), ">= 50,000/s",
                rate.perSecond() >= TARGET_INGESTION, rate.perCpuSecond() * cores >= TARGET_INGESTION);
    }

    /** {@code withoutCheckpoints}: the diagnostic run, null when it was not made. */
    void latency(PipelineBench.Result latency, PipelineBench.Result withoutCheckpoints) {
        String model = latency.model() + ": ";
        row(String.format(Locale.ROOT, "%slatency at half load (%s requests/s of 200, after a %.0f s warm-up): p50",
                model, count(latency.requestRate()), latency.warmupSeconds()), ms(latency.p50()), "", "", null, null);
        row(model + "latency at half load: p99 (max " + ms(latency.max()) + ")", ms(latency.p99()), "", "< 100 ms",
                latency.p99() < TARGET_P99_MS, null);
        row(model + "latency during the warm-up (job start: catalog, start-up engagements, JIT): p99 (max "
                + ms(latency.startupMax()) + ")", ms(latency.startupP99()), "", "", null, null);
        row(model + "checkpoints' part of the CPU over the measured latency window (async phase, RocksDB threads;"
                        + " the synchronous phase runs on the ranker's thread)",
                share(latency.stages().share(StageCpu.Stage.CHECKPOINTS)), "", "", null, null);
        if (withoutCheckpoints != null) {
            row(String.format(Locale.ROOT, "%sdiagnostic: the same run with no checkpoint (%s requests/s):"
                            + " p50 %s, p99 (max %s)", model, count(withoutCheckpoints.requestRate()),
                            ms(withoutCheckpoints.p50()), ms(withoutCheckpoints.max())),
                    ms(withoutCheckpoints.p99()), "", "", null, null);
        }
    }

    void stateSize(StateSizeBench.Result state) {
        row(String.format(Locale.ROOT, "RocksDB state per active user (%,d users)", state.activeUsers()),
                bytes(state.bytesPerUser()), "", "< 2 KiB", state.bytesPerUser() < TARGET_USER_BYTES, null);
        row("the same in a canonical savepoint (each live value and timer once, uncompressed; the native"
                        + " one above is LZ4-compressed and holds versions compaction has not dropped yet)",
                bytes(state.canonicalBytesPerUser()), "", "", null, null);
        row(String.format(Locale.ROOT, "RocksDB video-stats state per catalog video (%,d videos)",
                state.catalogVideos()), bytes(state.bytesPerVideo()), "", "", null, null);
        row("catalog broadcast state in the snapshot per video, per ranker instance",
                bytes(state.catalogBroadcastBytes() / (double) state.parallelism() / state.catalogVideos()), "", "",
                null, null);
    }

    void catalogHeap(int videos, CatalogHeapBench.Result heap) {
        row(String.format(Locale.ROOT, "ranker heap per catalog video (%,d videos: entry + index)", videos),
                bytes(heap.bytesPerVideo()), "", "", null, null);
        row(String.format(Locale.ROOT, "checkpoint's synchronous copy of that catalog, per ranker: shared"
                        + " entries (POJO deep copy, as before: %.1f ms)", heap.pojoCopyMillis()),
                String.format(Locale.ROOT, "%.1f ms", heap.sharedCopyMillis()), "", "", null, null);
        CatalogHeapBench.Write write = heap.write();
        CatalogHeapBench.Write pojo = heap.pojoWrite();
        row(String.format(Locale.ROOT, "checkpoint's asynchronous write of that catalog, per ranker, %s per"
                        + " video (POJO serializer, as before: %.1f ms, %s per video)", bytes(write.bytesPerVideo()),
                        pojo.millis(), bytes(pojo.bytesPerVideo())),
                String.format(Locale.ROOT, "%.1f ms", write.millis()), "", "", null, null);
    }

    /** {@code met} and {@code metIdle}: null where the measure has no target. */
    private void row(String measure, String value, String perCpu, String target, Boolean met, Boolean metIdle) {
        out.append("| ").append(measure).append(" | ").append(value).append(" | ").append(perCpu).append(" | ")
                .append(target).append(" | ").append(yes(met)).append(" | ").append(yes(metIdle)).append(" |\n");
    }
}
