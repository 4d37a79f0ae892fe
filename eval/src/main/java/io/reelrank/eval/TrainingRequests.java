package io.reelrank.eval;

import io.reelrank.job.FeatureLogSink;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.featurelog.FeatureLogRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The histories that go with the training set ({@link TrainingSet}): the replay's feature-log
 * request lines of the protocol's training requests, sorted by request id, written beside the
 * training examples ({@link FeatureLogSink#requestsBeside}) for a sequence model's training.
 */
final class TrainingRequests {

    private TrainingRequests() {}

    /** Writes the training requests' lines and returns how many there are. */
    static long write(Path requestsDir, List<ProtocolRequest> requests, Path out) throws IOException {
        Set<String> training = requests.stream().filter(r -> !r.test())
                .map(ProtocolRequest::requestId).collect(Collectors.toSet());
        List<FeatureLogRequest> kept = new ArrayList<>();
        for (String line : FeatureLogSink.finishedLines(requestsDir)) {
            FeatureLogRequest request = Json.fromJson(line, FeatureLogRequest.class);
            if (training.contains(request.requestId())) {
                kept.add(request);
            }
        }
        kept.sort(Comparator.comparing(FeatureLogRequest::requestId));
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            for (FeatureLogRequest request : kept) {
                writer.write(Json.toJson(request));
                writer.write('\n');
            }
        }
        return kept.size();
    }
}
