package io.reelrank.bench;

import static io.reelrank.bench.ReportCells.share;

import java.util.Collection;
import java.util.Locale;

/** One line per model under test, below the ceiling table: its contract and what it read of the job's requests. */
final class ModelLines {

    private ModelLines() {}

    static void render(StringBuilder out, Collection<ModelInputs> models) {
        out.append('\n');
        for (ModelInputs m : models) {
            out.append(String.format(Locale.ROOT, "- %s: contract v%d, %d features", m.model(), m.contractVersion(),
                    m.features()));
            if (m.historyLength() > 0) {
                out.append(String.format(Locale.ROOT, ", history of %d (the job's requests carried %.1f entries it"
                        + " reads, on average)", m.historyLength(), m.historyEntriesPerRequest()));
            }
            if (m.vocabularySize() > 0) {
                out.append(String.format(Locale.ROOT, ", vocabulary of %,d ids holding %s of the candidates' and %s"
                                + " of those history entries' ids", m.vocabularySize(), share(m.candidateIdsKnown()),
                        share(m.historyIdsKnown())));
            }
            out.append(String.format(Locale.ROOT, "; %.0f candidates per request after the filters%n",
                    m.candidatesPerRequest()));
        }
    }
}
