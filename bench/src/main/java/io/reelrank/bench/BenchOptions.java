package io.reelrank.bench;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.cli.UsageException;
import io.reelrank.job.JobCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one benchmark run measures and how long it spends on each part. {@code --quick} shrinks
 * every part to a few seconds (about two minutes in all); the full run takes about seven here.
 *
 * @param device {@code cpu} or {@code cuda}: sets {@code reelrank.scoring.device} (CPU or CUDA;
 *     CUDA fails fast without a GPU), so the same run scores on a GPU with the onnxruntime_gpu build
 * @param parallelism the pipeline's parallelism for the main table (and the ceiling's thread count)
 * @param models the model versions to measure side by side, each {@code [<registry>:]<name>/<version>}
 *     ({@code --models}); empty: the newest version of each contract (feature-row MLP, sequence model)
 *     of the job's model ({@link BenchModel#resolve})
 * @param candidatesPerRequest the pipeline runs' candidates per request ({@code --candidates}, default 50,200,1000)
 * @param parts the measurements to run ({@code --only}, default all)
 * @param latencyRate the request rate of the latency run when no pipeline run measured the maximum
 * @param pipelineCandidates candidates in each measured pipeline run (requests = this / candidates per
 *     request): 15 M in the full run, so that its steady state lasts well beyond the JIT's work on
 *     the new job (3 M, a few seconds, measured the compiler more than the job; see docs/benchmarks.md)
 * @param warmupRequests requests of 200 candidates in the unmeasured pipeline run that warms the JIT up
 * @param latencyWarmupSeconds source time the latency run sends requests before it measures them
 *     (the job's start-up: catalog, start-up engagements, JIT)
 */
record BenchOptions(boolean quick, String device, int parallelism, List<String> models, List<Integer> candidatesPerRequest,
                    long pipelineCandidates, long warmupRequests, long ingestionEvents, double ceilingSecondsPerPoint,
                    double latencySeconds, double latencyWarmupSeconds, int stateUsers, int stateVideos, long stateEngagements,
                    int heapVideos, Set<String> parts, double latencyRate, Map<String, String> flinkSettings) {

    private static final List<String> ALL_PARTS =
            List.of("ceiling", "ranker", "pipeline", "ingestion", "latency", "state", "heap");
    static final Set<String> PARTS = Set.copyOf(ALL_PARTS);

    static final Command COMMAND = JobCommand.named("BenchMain",
                    "The benchmark: scoring ceiling, ranker alone, full pipeline, ingestion, latency at half load, "
                            + "state and heap per entry, on this machine in one run; then one table.")
            .with(Option.flag("quick", "Shrinks every part to a few seconds (about two minutes in all)."),
                    Option.text("device", "cpu|cuda", "Sets reelrank.scoring.device: CUDA needs the onnxruntime_gpu "
                            + "build and fails fast without a GPU.").withChoices("cpu", "cuda").withDefault("cpu"),
                    Option.integer("parallelism", "N", "The pipeline's parallelism for the main table (and the "
                            + "ceiling's thread count).").withDefault(2),
                    Option.text("models", "[REGISTRY:]NAME/VERSION,...", "The model versions to measure side by side"
                            + " (ceiling, pipeline, latency), e.g. ranker/1,target/dev-registry:ranker/2; unset: the"
                            + " newest valid version of each contract (v1 feature-row MLP, v2 sequence model) of"
                            + " reelrank.scoring.model-name in reelrank.scoring.model-registry."),
                    Option.text("only", "PARTS", "The parts to run, comma-separated.")
                            .withDefault(String.join(",", ALL_PARTS)),
                    Option.text("candidates", "C1,C2,...", "Candidates per request of the pipeline runs.")
                            .withDefault("50,200,1000"),
                    Option.decimal("latency-rate", "R", "Request rate of the latency run when no pipeline run "
                            + "measured the maximum.").withDefault(500));

    static BenchOptions parse(String[] args) {
        return from(COMMAND.parse(args));
    }

    static BenchOptions from(Arguments arguments) {
        JobCommand.settings(arguments); // a ReelRank option that does not parse fails now, not minutes into the run
        boolean quick = arguments.flag("quick");
        String device = arguments.text("device");
        int parallelism = arguments.integer("parallelism");
        Set<String> parts = only(arguments.text("only"));
        double latencyRate = arguments.decimal("latency-rate");
        List<Integer> candidates = candidates(arguments.text("candidates"));
        List<String> models = arguments.optional("models").map(BenchOptions::models).orElse(List.of());
        Map<String, String> flinkSettings = arguments.settings();
        if (parallelism < 1) {
            throw new UsageException("--parallelism must be >= 1");
        }
        return quick
                ? new BenchOptions(true, device, parallelism, models, candidates, 600_000, 10_000, 150_000, 0.4, 10, 15,
                        5_000, 2_000, 40_000, 20_000, parts, latencyRate, flinkSettings)
                : new BenchOptions(false, device, parallelism, models, candidates, 15_000_000, 50_000, 600_000, 1.5, 30, 20,
                        20_000, 10_000, 200_000, 100_000, parts, latencyRate, flinkSettings);
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    boolean cuda() {
        return device.equals("cuda");
    }

    private static Set<String> only(String list) {
        Set<String> parts = Set.copyOf(Arrays.asList(list.split(",")));
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new UsageException("--only names '" + part + "'; choose from " + String.join(",", ALL_PARTS));
            }
        }
        return parts;
    }

    private static List<String> models(String list) {
        List<String> specs = Arrays.stream(list.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
        if (specs.isEmpty()) {
            throw new UsageException("--models needs at least one [<registry>:]<name>/<version>");
        }
        return specs;
    }

    private static List<Integer> candidates(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : list.split(",")) {
            int candidates;
            try {
                candidates = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--candidates needs whole numbers, not '" + size + "'");
            }
            if (candidates < 1) {
                throw new UsageException("--candidates needs sizes >= 1, not " + candidates);
            }
            sizes.add(candidates);
        }
        return List.copyOf(sizes);
    }
}
