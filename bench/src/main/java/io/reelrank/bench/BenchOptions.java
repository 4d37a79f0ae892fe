package io.reelrank.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run measures and how long it spends on each part. {@code --quick} shrinks
 * every part to a few seconds (about two minutes in all); the full run takes about seven here.
 *
 * @param device {@code cpu} or {@code cuda}: sets {@code reelrank.scoring.device} (CPU or CUDA;
 *     CUDA fails fast without a GPU), so the same run scores on a GPU with the onnxruntime_gpu build
 * @param parallelism the pipeline's parallelism for the main table (and the ceiling's thread count)
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
record BenchOptions(boolean quick, String device, int parallelism, List<Integer> candidatesPerRequest,
                    long pipelineCandidates, long warmupRequests, long ingestionEvents, double ceilingSecondsPerPoint,
                    double latencySeconds, double latencyWarmupSeconds, int stateUsers, int stateVideos, long stateEngagements,
                    int heapVideos, Set<String> parts, double latencyRate, List<String> flinkArgs) {

    static final Set<String> PARTS = Set.of("ceiling", "ranker", "pipeline", "ingestion", "latency", "state", "heap");

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        String device = "cpu";
        int parallelism = 2;
        Set<String> parts = PARTS;
        double latencyRate = 500;
        List<Integer> candidates = List.of(50, 200, 1000);
        List<String> flinkArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--device" -> device = value(args, ++i, "--device");
                case "--only" -> parts = only(value(args, ++i, "--only"));
                case "--latency-rate" -> latencyRate = Double.parseDouble(value(args, ++i, "--latency-rate"));
                case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, "--parallelism"));
                case "--candidates" -> candidates = candidates(value(args, ++i, "--candidates"));
                default -> {
                    if (!args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown argument '" + args[i] + "'; use --quick, "
                                + "--device cpu|cuda, --parallelism N, --only PARTS, --candidates C1,C2,..., --latency-rate R"
                                + " or any --<flink or reelrank option> value");
                    }
                    flinkArgs.add(args[i]);
                    flinkArgs.add(value(args, ++i, args[i - 1]));
                }
            }
        }
        if (!device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("--device is '" + device + "'; use cpu or cuda");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1");
        }
        return quick
                ? new BenchOptions(true, device, parallelism, candidates, 600_000, 10_000, 150_000, 0.4, 10, 15,
                        5_000, 2_000, 40_000, 20_000, parts, latencyRate, flinkArgs)
                : new BenchOptions(false, device, parallelism, candidates, 15_000_000, 50_000, 600_000, 1.5, 30, 20,
                        20_000, 10_000, 200_000, 100_000, parts, latencyRate, flinkArgs);
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    boolean cuda() {
        return device.equals("cuda");
    }

    private static Set<String> only(String list) {
        Set<String> parts = Set.of(list.split(","));
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException("--only names '" + part + "'; choose from " + PARTS);
            }
        }
        return parts;
    }

    private static List<Integer> candidates(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : list.split(",")) {
            int candidates = Integer.parseInt(size.trim());
            if (candidates < 1) {
                throw new IllegalArgumentException("--candidates needs sizes >= 1, not " + candidates);
            }
            sizes.add(candidates);
        }
        return List.copyOf(sizes);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }
}
