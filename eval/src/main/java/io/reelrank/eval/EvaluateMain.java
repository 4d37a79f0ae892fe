package io.reelrank.eval;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.job.FeatureLogSink;
import io.reelrank.job.JobCommand;
import io.reelrank.job.JobSettings;
import io.reelrank.job.LocalRuntime;
import io.reelrank.job.ReelRankOptions;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.featurelog.FeatureLogRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;

/**
 * Ranking quality on a replayed data set, through the real topology. Builds the protocol's
 * requests ({@link EvaluationProtocol}), replays engagements, catalog and requests through
 * ReelRank on an embedded Flink ({@link JobReplay}), and scores the test requests by HR@10 and
 * NDCG@10 for the model that served them and for the baselines, plus the job's own
 * tag and embedding cosine features read as rankers. Optionally writes the training requests'
 * feature rows for models/train/train_ranker.py.
 */
public final class EvaluateMain {
    static final int K = 10;
    static final String MODEL = "model";

    static final Command COMMAND = JobCommand.named("EvaluateMain",
                    "Ranking quality on a replayed data set, through the real topology: HR@10 and NDCG@10 of the "
                            + "serving model and the baselines; prints the table and writes evaluation.json, "
                            + "evaluation.png and the replayed inputs (replay/) into --out. Unless given, the protocol "
                            + "sets event-time alignment, no refresh, no per-creator cap and a day's idleness; it always "
                            + "writes its own feature log. The other ReelRank options apply as in the job.")
            .with(Option.text("data", "DIR", "Folder of contract JSON lines: videos.jsonl and engagements.jsonl.")
                            .asRequired(),
                    Option.text("out", "DIR", "Where the report and the replay go.").withDefault("target/evaluation"),
                    Option.longInteger("seed", "N", "Seed of the negative sampling.").withDefault(42),
                    Option.integer("negatives", "N", "Sampled negatives per test request.").withDefault(100),
                    Option.integer("train-points", "N", "Training requests per user before the test one.")
                            .withDefault(2),
                    Option.text("training-out", "FILE", "Write the training requests' labelled feature rows here, "
                            + "and their histories beside it (X.jsonl gets X-requests.jsonl), "
                            + "for models/train/train_ranker.py."));

    private EvaluateMain() {}

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, arguments -> System.out.print(evaluate(arguments).table()));
    }

    public static EvaluationReport evaluate(String[] args) throws Exception {
        return evaluate(COMMAND.parse(args));
    }

    private static EvaluationReport evaluate(Arguments arguments) throws Exception {
        Path data = Path.of(arguments.text("data"));
        Path out = Path.of(arguments.text("out"));
        EvaluationProtocol protocol = new EvaluationProtocol(arguments.longInteger("seed"),
                arguments.integer("negatives"), arguments.integer("train-points"));
        Configuration config = evaluationConfig(JobCommand.settings(arguments), out);

        ContractData contract = ContractData.read(data);
        List<ProtocolRequest> requests = protocol.requests(contract.videos(), contract.engagements());
        JobSettings settings = JobSettings.from(config);
        JobReplay.Run run = JobReplay.run(contract, requests, config, out.resolve("replay"));
        if (arguments.has("training-out")) {
            TrainingSet.Written written = TrainingSet.write(
                    Path.of(settings.featureLog().path(), FeatureLogSink.EXAMPLES), requests,
                    Path.of(arguments.text("training-out")));
            System.out.printf("wrote %,d training examples (%,d positive) of %,d training requests from the feature log "
                            + "to %s; every label agrees with the protocol%n", written.examples(), written.positives(),
                    written.requests(), arguments.text("training-out"));
            Path requestsOut = FeatureLogSink.requestsBeside(Path.of(arguments.text("training-out")));
            long histories = TrainingRequests.write(Path.of(settings.featureLog().path(), FeatureLogSink.REQUESTS),
                    requests, requestsOut);
            System.out.printf("wrote the histories of %,d training requests to %s%n", histories, requestsOut);
        }

        List<ProtocolRequest> tests = requests.stream().filter(ProtocolRequest::test).toList();
        Map<String, Map<String, Map<String, Double>>> byMethod = new LinkedHashMap<>(
                new Baselines(contract.videos(), protocol.seed()).score(contract.engagements(), requests));
        byMethod.put("tag cosine (job feature)", featureScores(run.rows(), settings.spec().names().indexOf("tag_cosine")));
        byMethod.put("embedding cosine (job feature)",
                featureScores(run.rows(), settings.spec().names().indexOf("embedding_cosine")));
        int decayedPlays = settings.spec().names().indexOf("video_plays_decayed_30d");
        if (decayedPlays >= 0) {
            byMethod.put("decayed plays 30d (job feature)", featureScores(run.rows(), decayedPlays));
        }
        byMethod.put(MODEL + " " + String.join("+", run.modelVersions()), modelScores(run.recommendations()));

        List<MethodScores> scores = new ArrayList<>();
        byMethod.forEach((method, scoresByRequest) -> {
            MethodScores methodScores = new MethodScores(method, K);
            for (ProtocolRequest test : tests) {
                methodScores.add(PositiveRank.of(scoresByRequest.getOrDefault(test.requestId(), Map.of()),
                        test.candidates(), test.positive()));
            }
            scores.add(methodScores);
        });
        Map<String, Object> protocolInfo = new LinkedHashMap<>();
        protocolInfo.put("seed", protocol.seed());
        protocolInfo.put("negatives", protocol.negatives());
        protocolInfo.put("train_points", protocol.trainPoints());
        protocolInfo.put("k", K);
        protocolInfo.put("profile_half_life", config.get(ReelRankOptions.PROFILE_HALF_LIFE).toString());
        int answered = (int) tests.stream().filter(t -> run.recommendations().containsKey(t.requestId())).count();
        EvaluationReport report = new EvaluationReport(data.toString(), protocolInfo, tests.size(), answered,
                String.join("+", run.modelVersions()), run.seconds(), run.deadLetters(), MethodScores.results(scores));
        Files.createDirectories(out);
        report.writeJson(out.resolve("evaluation.json"));
        report.writeChart(out.resolve("evaluation.png"),
                "ReelRank replay evaluation: " + data.getFileName() + " (" + tests.size() + " users, 1 positive + "
                        + protocol.negatives() + " sampled negatives)");
        return report;
    }

    /** The embedded runtime with what the protocol needs; explicit settings still win. */
    static Configuration evaluationConfig(Configuration settings, Path out) throws IOException {
        Configuration config = LocalRuntime.configuration(Map.of(), "evaluation");
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);

        config.set(ReelRankOptions.REFRESH_EVERY, 0);
        // Quality of the ranking itself: the per-creator diversity cap would reorder the list.
        config.set(ReelRankOptions.MAX_PER_CREATOR, 1000);
        // The replay reads every input far ahead of event time and back-pressure stalls the sparse
        // request stream for long stretches. With the default idleness the watermark would then
        // move on without it, and its requests would be ranked behind the watermark, against stats
        // that have already moved past them. Every replayed stream has data until it ends.
        config.set(ReelRankOptions.IDLENESS, Duration.ofDays(1));
        config.addAll(settings);
        // The evaluation owns the feature log: the ranker trains on it. The protocol counts any
        // engagement as the positive, so every action labels; negatives are never engaged with.
        Path featureLog = out.resolve("feature-log").toAbsolutePath();
        // A log left by an earlier run in the same --out would mix into this run's training set.
        FileUtils.deleteDirectory(featureLog.toFile());
        config.set(ReelRankOptions.FEATURE_LOG_ENABLED, true);
        config.set(ReelRankOptions.FEATURE_LOG_PATH, featureLog.toString());
        config.set(ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS,
                EnumSet.allOf(Action.class).stream().map(Action::wireName).toList());
        return config;
    }

    private static Map<String, Map<String, Double>> modelScores(Map<String, Recommendation> recommendations) {
        Map<String, Map<String, Double>> scores = new HashMap<>();
        recommendations.forEach((id, recommendation) -> {
            Map<String, Double> byVideo = new HashMap<>();
            for (RecommendedItem item : recommendation.items()) {
                byVideo.put(item.videoId(), (double) item.score());
            }
            scores.put(id, byVideo);
        });
        return scores;
    }

    /** One feature column of the logged rows read as a ranker's scores. */
    private static Map<String, Map<String, Double>> featureScores(Map<String, List<FeatureLogRow>> rows, int column) {
        Map<String, Map<String, Double>> scores = new HashMap<>();
        rows.forEach((id, requestRows) -> {
            Map<String, Double> byVideo = new HashMap<>();
            for (FeatureLogRow row : requestRows) {
                byVideo.put(row.videoId(), (double) row.features()[column]);
            }
            scores.put(id, byVideo);
        });
        return scores;
    }
}
