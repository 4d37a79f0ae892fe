package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The generator demo with the feature log on: the real topology ranks the synthetic world and
 * writes every scored candidate ({@code <path>/rows}), the labelled training examples
 * ({@code <path>/examples}) and each request's history ({@code <path>/requests}) as JSON-lines
 * part files, then counts them and gathers the examples into one sorted file, {@code
 * <path>/examples.jsonl} ({@link SortedLines}), which the same settings always write byte for
 * byte, and the requests beside it into {@code <path>/examples-requests.jsonl}. Defaults to
 * {@code --reelrank.feature-log.path target/feature-log} and parallelism 1; takes any ReelRank
 * option.
 */
public final class FeatureLogMain {
    static final String EXAMPLES_FILE = "examples.jsonl";

    static final Command COMMAND = JobCommand.named("FeatureLogMain",
            "The generator demo with the feature log on: writes every scored candidate and the labelled training "
                    + "examples as JSON-lines part files, counts them, and gathers the examples into one sorted file, "
                    + "<path>/examples.jsonl, the same bytes for the same settings, with each request's history in "
                    + "<path>/examples-requests.jsonl. Unless given, "
                    + "reelrank.feature-log.path is target/feature-log, reelrank.ranking.event-time-aligned true and "
                    + "parallelism.default 1.");

    private FeatureLogMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, FeatureLogMain::run);
    }

    private static void run(Arguments arguments) throws Exception {
        Configuration config = JobCommand.localConfiguration(arguments, "feature-log");
        config.set(ReelRankOptions.FEATURE_LOG_ENABLED, true);
        if (!config.contains(ReelRankOptions.FEATURE_LOG_PATH)) {
            config.set(ReelRankOptions.FEATURE_LOG_PATH, "target/feature-log");
        }
        if (!config.contains(ReelRankOptions.EVENT_TIME_ALIGNED)) {
            config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        }
        // One engagement source subtask keeps each user's engagements in generator order, so the label
        // join names the same labelling action every run (several sources interleave them by timing).
        if (!arguments.settings().containsKey(CoreOptions.DEFAULT_PARALLELISM.key())) {
            config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        }
        // Part files are finished on checkpoints; a short interval makes them appear while it runs.
        config.setString("execution.checkpointing.interval", "2 s");
        Path root = Path.of(config.get(ReelRankOptions.FEATURE_LOG_PATH));
        if (Files.isDirectory(root)) {
            try (Stream<Path> existing = Files.list(root)) {
                if (existing.findAny().isPresent()) {
                    throw new UsageException(root + " is not empty: counts would mix runs; remove it or "
                            + "pass another --" + ReelRankOptions.FEATURE_LOG_PATH.key());
                }
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        JobSettings settings = JobSettings.from(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), settings);
        outputs.recommendations().sinkTo(new DiscardingSink<>()).name("recommendations (discarded)");
        outputs.deadLetters().sinkTo(new DiscardingSink<>()).name("dead letters (discarded)");
        FeatureLogSink.attach(outputs, settings);
        long started = System.nanoTime();
        env.execute("reelrank-feature-log");

        List<String> examples = FeatureLogSink.finishedLines(root.resolve(FeatureLogSink.EXAMPLES));
        Path gathered = root.resolve(EXAMPLES_FILE);
        String sha256 = SortedLines.write(gathered, List.of(), examples);
        List<String> requests = FeatureLogSink.finishedLines(root.resolve(FeatureLogSink.REQUESTS));
        Path gatheredRequests = FeatureLogSink.requestsBeside(gathered);
        SortedLines.write(gatheredRequests, List.of(), requests);
        System.out.printf("feature log   %,d scored candidates in %s%n",
                FeatureLogSink.finishedLines(root.resolve(FeatureLogSink.ROWS)).size(), root.resolve(FeatureLogSink.ROWS));
        System.out.printf("examples      %,d (%,d positive) in %s%n", examples.size(),
                examples.stream().filter(line -> line.contains("\"label\":1")).count(), root.resolve(FeatureLogSink.EXAMPLES));
        System.out.printf("sorted        %s, sha256 %s%n", gathered, sha256);
        System.out.printf("requests      %,d with their histories in %s%n", requests.size(), gatheredRequests);
        System.out.printf("wall time     %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println("train on it:  /usr/bin/python3 models/train/train_ranker.py --data " + gathered
                + " --name ranker --version <next>");
    }
}
