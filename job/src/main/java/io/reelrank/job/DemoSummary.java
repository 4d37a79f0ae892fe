package io.reelrank.job;

import io.reelrank.generator.SyntheticWorld;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Recommendation;
import io.reelrank.udf.contract.RecommendedItem;
import io.reelrank.udf.contract.Trigger;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Tallies the demo's output and judges it against the synthetic users' latent tastes: how
 * often a top-3 video is of a topic the user loves, against what a random ordering of the
 * same request's candidates would give.
 */
final class DemoSummary {
    private final SyntheticWorld world;
    private final Function<String, RankRequest> requestById;
    private final Map<Trigger, Long> byTrigger = new TreeMap<>();
    private final Map<String, Long> modelVersions = new TreeMap<>();
    private long recommendations;
    private long top3Slots;
    private long top3Matches;
    private double randomExpectedMatches;
    private long deadLetters;

    DemoSummary(SyntheticWorld world, Function<String, RankRequest> requestById) {
        this.world = world;
        this.requestById = requestById;
    }

    void add(Recommendation recommendation) {
        recommendations++;
        byTrigger.merge(recommendation.trigger(), 1L, Long::sum);
        modelVersions.merge(recommendation.modelVersion(), 1L, Long::sum);
        if (recommendation.trigger() == Trigger.REFRESH || recommendation.items().isEmpty()) {
            return;
        }
        RankRequest request = requestById.apply(recommendation.requestId());
        long matchingCandidates = request.candidates().stream()
                .filter(v -> world.likesTopicsOf(request.userId(), v)).count();
        double randomShare = (double) matchingCandidates / request.candidates().size();
        for (RecommendedItem item : recommendation.items().subList(0, Math.min(3, recommendation.items().size()))) {
            top3Slots++;
            top3Matches += world.likesTopicsOf(recommendation.userId(), item.videoId()) ? 1 : 0;
            randomExpectedMatches += randomShare;
        }
    }

    /** Called from the dead-letter drain thread; returns the count so far. */
    synchronized long addDeadLetter() {
        return ++deadLetters;
    }

    synchronized String render(long engagementsIn, long requestsIn, long videosIn, double seconds) {
        double modelShare = top3Slots == 0 ? 0 : (double) top3Matches / top3Slots;
        double randomShare = top3Slots == 0 ? 0 : randomExpectedMatches / top3Slots;
        long inputs = engagementsIn + requestsIn + videosIn;
        return String.format(Locale.ROOT, """
                ---- ReelRank demo summary ----
                input records      %,d (engagements %,d, rank requests %,d, videos %,d)
                recommendations    %,d %s
                dead letters       %,d
                model versions     %s
                wall time          %.1f s (%,.0f input records/s)
                top-3 taste match  %.1f%% of top-3 videos are of a topic the user loves (random order of the same candidates: %.1f%%)
                """, inputs, engagementsIn, requestsIn, videosIn, recommendations, byTrigger, deadLetters,
                modelVersions.keySet(), seconds, inputs / Math.max(seconds, 1e-9), 100 * modelShare, 100 * randomShare);
    }
}
