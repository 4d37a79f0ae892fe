package io.reelrank.eval;

import io.reelrank.job.FeatureLogSink;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.TrainingExample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ranker's training data from the replay's feature log: the labelled examples the job wrote
 * (its {@code examples/} part files), kept only for the protocol's training requests, so test
 * positives are never trained on. The job's label join must agree with the protocol, row by row:
 * the request's positive is the one positive example and every sampled negative is a negative;
 * a disagreement is a bug and stops the run. Written as JSON lines in the feature log's own format,
 * sorted by request and video so that the same replay gives the same file, for
 * {@code models/train/train_ranker.py --data}.
 */
public final class TrainingSet {

    /** What was written: examples, the training requests they came from, and positives among them. */
    public record Written(long examples, long requests, long positives) {}

    private TrainingSet() {}

    public static Written write(Path examplesDir, List<ProtocolRequest> requests, Path out) throws IOException {
        Map<String, ProtocolRequest> training = requests.stream().filter(r -> !r.test())
                .collect(Collectors.toMap(ProtocolRequest::requestId, Function.identity()));
        List<TrainingExample> kept = new ArrayList<>();
        for (String line : FeatureLogSink.finishedLines(examplesDir)) {
            TrainingExample example = Json.fromJson(line, TrainingExample.class);
            ProtocolRequest request = training.get(example.requestId());
            if (request != null) {
                checkLabel(example, request);
                kept.add(example);
            }
        }
        kept.sort(Comparator.comparing(TrainingExample::requestId).thenComparing(TrainingExample::videoId));
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (TrainingExample example : kept) {
                writer.write(Json.toJson(example));
                writer.write('\n');
            }
        }
        long positives = kept.stream().filter(e -> e.label() == 1).count();
        long fromRequests = kept.stream().map(TrainingExample::requestId).distinct().count();
        return new Written(kept.size(), fromRequests, positives);
    }

    private static void checkLabel(TrainingExample example, ProtocolRequest request) {
        boolean positive = example.videoId().equals(request.positive());
        if (positive != (example.label() == 1)) {
            throw new IllegalStateException("the feature log labelled " + example.videoId() + " of " + request.requestId()
                    + " " + example.label() + " but the protocol's positive is " + request.positive()
                    + "; the label join and the protocol disagree");
        }
    }
}
