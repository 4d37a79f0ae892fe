package io.reelrank.eval;

import io.reelrank.job.TrainingCsv;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the feature rows the job assembled for the protocol's training requests as the
 * training CSV that models/train/train_ranker.py reads (the layout of TrainingDataMain's
 * output): the positive's row is labelled 1, the sampled negatives' rows 0. Test requests are
 * never written.
 */
public final class TrainingRows {
    private TrainingRows() {}

    /** Returns the number of rows written. */
    public static long write(Path out, FeatureSpec spec, List<ProtocolRequest> requests,
                             Map<String, ScoringTask> features) throws IOException {
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        long rows = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            TrainingCsv.writeHeader(writer, spec);
            for (ProtocolRequest request : requests) {
                ScoringTask task = features.get(request.requestId());
                if (request.test() || task == null) {
                    continue;
                }
                for (int row = 0; row < task.rows(); row++) {
                    TrainingCsv.writeRow(writer, task, row, task.videoIds()[row].equals(request.positive()));
                    rows++;
                }
            }
        }
        return rows;
    }
}
