package io.reelrank.bench;

import io.reelrank.job.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the figures of one run and renders them as one Markdown table set, with the targets. */
final class BenchReport {
    private static final double TARGET_RATIO = 0.5;
    private static final double TARGET_INGESTION = 50_000;
    private static final double TARGET_P99_MS = 100;
    private static final double TARGET_USER_BYTES = 2048;

    private final BenchOptions options;
    private final Machine machine;
    private final JobSettings settings;
    private final List<ScoringCeiling.Point> ceiling = new ArrayList<>();
    private final List<PipelineBench.Result> pipeline = new ArrayList<>();
    private double ingestion;
    private PipelineBench.Result latency;
    private StateSizeBench.Result state;
    private int heapVideos;
    private double heapPerVideo;
    private double seconds;
    private double endLoad;

    BenchReport(BenchOptions options, Machine machine, JobSettings settings) {
        this.options = options;
        this.machine = machine;
        this.settings = settings;
    }

    void ceiling(List<ScoringCeiling.Point> points) {
        ceiling.addAll(points);
    }

    void pipeline(PipelineBench.Result result) {
        pipeline.add(result);
    }

    void ingestion(double eventsPerSecond) {
        ingestion = eventsPerSecond;
    }

    void latency(PipelineBench.Result result) {
        latency = result;
    }

    void state(StateSizeBench.Result result) {
        state = result;
    }

    void heapPerVideo(int videos, double bytes) {
        heapVideos = videos;
        heapPerVideo = bytes;
    }

    void finish(double totalSeconds, double load) {
        seconds = totalSeconds;
        endLoad = load;
    }

    double maxRequestsPerSecond(int parallelism, int candidates) {
        return result(parallelism, candidates).requestsPerSecond();
    }

    /** The ceiling the pipeline is held to: the best batch it could form, on as many threads as it scores with. */
    double ceilingFor(int threads) {
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
        out.append(String.format(Locale.ROOT, "job: model %s/newest (%d features), RocksDB, incremental checkpoints"
                        + " every 10 s, batches up to %d rows or %d ms, %d scorer thread(s) and %d intra-op thread(s)"
                        + " per ranker, generator in the same JVM%n%n", settings.model().modelName(),
                settings.spec().names().size(), settings.scorer().maxBatchRows(),
                settings.scorer().maxWait().toMillis(), settings.scorer().scorerThreads(),
                settings.scorer().session().intraOpThreads()));

        if (!ceiling.isEmpty()) {
            renderCeiling(out);
        }
        if (!pipeline.isEmpty()) {
            renderPipeline(out);
        }
        out.append("\nTargets and sizes (parallelism ").append(p).append(")\n\n");
        out.append("| measure | value | target | met |\n| --- | ---: | ---: | --- |\n");
        if (!ceiling.isEmpty() && hasPipeline(p, 200)) {
            double ratio = result(p, 200).candidatesPerSecond() / ceilingFor(p);
            row(out, "pipeline at 200 candidates/request vs ceiling", String.format(Locale.ROOT, "%.0f%%", 100 * ratio),
                    ">= 50%", ratio >= TARGET_RATIO);
        }
        if (ingestion > 0) {
            row(out, "engagement ingestion (parse, event time, video stats, user state)", count(ingestion) + " events/s",
                    ">= 50,000/s", ingestion >= TARGET_INGESTION);
        }
        if (latency != null) {
            row(out, String.format(Locale.ROOT, "latency at half load (%s requests/s of 200): p50",
                    count(latency.requestRate())), String.format(Locale.ROOT, "%.0f ms", latency.p50()), "", null);
            row(out, "latency at half load: p99 (max " + String.format(Locale.ROOT, "%.0f", latency.max()) + " ms)",
                    String.format(Locale.ROOT, "%.0f ms", latency.p99()), "< 100 ms", latency.p99() < TARGET_P99_MS);
        }
        if (state != null) {
            row(out, String.format(Locale.ROOT, "RocksDB state per active user (%,d users)", state.activeUsers()),
                    String.format(Locale.ROOT, "%.0f B", state.bytesPerUser()), "< 2 KiB",
                    state.bytesPerUser() < TARGET_USER_BYTES);
            row(out, String.format(Locale.ROOT, "RocksDB video-stats state per catalog video (%,d videos)",
                    state.catalogVideos()), String.format(Locale.ROOT, "%.0f B", state.bytesPerVideo()), "", null);
            row(out, "catalog broadcast state in the snapshot per video, per ranker instance",
                    String.format(Locale.ROOT, "%.0f B", state.catalogBroadcastBytes() / (double) state.parallelism()
                            / state.catalogVideos()), "", null);
        }
        if (heapVideos > 0) {
            row(out, String.format(Locale.ROOT, "ranker heap per catalog video (%,d videos: entry + index)", heapVideos),
                    String.format(Locale.ROOT, "%.0f B", heapPerVideo), "", null);
        }
        return out.toString();
    }

    private void renderCeiling(StringBuilder out) {
        out.append("Scoring ceiling: ONNX Runtime alone on the job's feature rows, candidates/s\n\n");
        List<Integer> threadCounts = ceiling.stream().map(ScoringCeiling.Point::threads).distinct().toList();
        out.append("| batch |");
        threadCounts.forEach(t -> out.append(' ').append(t).append(t == 1 ? " thread |" : " threads |"));
        out.append('\n').append("| ---: |").append(" ---: |".repeat(threadCounts.size())).append('\n');
        for (int batch : ScoringCeiling.BATCH_SIZES) {
            out.append("| ").append(batch).append(" |");
            for (int threads : threadCounts) {
                ceiling.stream().filter(c -> c.batchSize() == batch && c.threads() == threads).findFirst()
                        .ifPresent(c -> out.append(' ').append(count(c.candidatesPerSecond())).append(" |"));
            }
            out.append('\n');
        }
    }

    private void renderPipeline(StringBuilder out) {
        out.append("\nFull pipeline, steady state: requests/s, candidates scored/s, share of the ceiling on as many"
                + " threads as the pipeline has rankers, latency from source to recommendation at full load\n\n");
        out.append("| parallelism | candidates/request | requests/s | candidates/s | vs ceiling | p50 ms | p99 ms |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (PipelineBench.Result r : pipeline) {
            String share = ceiling.stream().anyMatch(c -> c.threads() == r.parallelism())
                    ? String.format(Locale.ROOT, "%.0f%%", 100 * r.candidatesPerSecond() / ceilingFor(r.parallelism()))
                    : "n/a";
            out.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %.0f | %.0f |%n", r.parallelism(),
                    r.candidates(), count(r.requestsPerSecond()), count(r.candidatesPerSecond()), share, r.p50(),
                    r.p99()));
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

    private static void row(StringBuilder out, String measure, String value, String target, Boolean met) {
        out.append("| ").append(measure).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met == null ? "" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
