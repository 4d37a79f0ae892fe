package io.reelrank.bench;

import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelMetadata;
import io.reelrank.udf.model.Vocabulary;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;

/**
 * What one model under test read in the ceiling: its contract and, for a model with id and
 * history inputs, how much of the job's requests it actually sees: the history entries per
 * request it takes (at most its N) and the share of candidate and history video ids its
 * vocabulary knows (the rest are looked up as unknown). A vocabulary that misses the world's
 * videos would measure a cheaper lookup than production's.
 *
 * @param historyLength the model's N, 0 without history inputs
 * @param vocabularySize lines in its vocabulary, 0 without one
 * @param candidateIdsKnown share of candidates whose id the vocabulary holds; NaN without one
 * @param historyIdsKnown share of the history entries the model takes whose id it holds; NaN without one or without entries
 */
record ModelInputs(String model, int contractVersion, int features, int historyLength, int vocabularySize,
                   double candidatesPerRequest, double historyEntriesPerRequest, double candidateIdsKnown,
                   double historyIdsKnown) {

    static ModelInputs of(String label, LoadedModel model, List<ScoringTask> tasks) {
        ModelMetadata metadata = model.metadata();
        int n = metadata.historyLength() == null ? 0 : metadata.historyLength();
        Vocabulary vocabulary = model.vocabulary();
        long candidates = 0;
        long candidatesKnown = 0;
        long entries = 0;
        long entriesKnown = 0;
        for (ScoringTask task : tasks) {
            candidates += task.rows();
            int taken = Math.min(n, task.history().size());
            entries += taken;
            if (vocabulary != null) {
                for (String videoId : task.videoIds()) {
                    candidatesKnown += vocabulary.index(videoId) > Vocabulary.UNKNOWN_INDEX ? 1 : 0;
                }
                for (int i = 0; i < taken; i++) {
                    entriesKnown += vocabulary.index(task.history().videoIds()[i]) > Vocabulary.UNKNOWN_INDEX ? 1 : 0;
                }
            }
        }
        int requests = Math.max(1, tasks.size());
        return new ModelInputs(label, metadata.isV2() ? 2 : 1, metadata.features().size(), n,
                vocabulary == null ? 0 : vocabulary.size(), candidates / (double) requests,
                entries / (double) requests, vocabulary == null ? Double.NaN : candidatesKnown / (double) candidates,
                vocabulary == null || entries == 0 ? Double.NaN : entriesKnown / (double) entries);
    }
}
