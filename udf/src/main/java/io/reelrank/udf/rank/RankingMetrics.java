package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.RankerCatalog;
import io.reelrank.udf.contract.Trigger;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/** The ranker's counters and catalog gauge, in the operator's metric group, named as dashboards read them. */
final class RankingMetrics {
    final Counter lateEvents;
    final Counter requestsBehindWatermark;
    final Counter refreshes;
    final Counter engagementsUnknownVideo;
    private final Counter requests;
    private final Counter coldStarts;
    private final Counter candidatesIn;
    private final Counter candidatesUnknown;
    private final Counter candidatesDeleted;
    private final Counter candidatesSeen;
    private final Counter requestsAllCandidatesUnknown;
    private final Counter requestsFilled;
    private final Counter candidatesFilled;
    private final MetricGroup group;

    RankingMetrics(MetricGroup group) {
        this.group = group;
        requests = group.counter("requests");
        coldStarts = group.counter("coldStarts");
        refreshes = group.counter("refreshes");
        lateEvents = group.counter("lateEvents");
        requestsBehindWatermark = group.counter("requestsBehindWatermark");
        candidatesIn = group.counter("candidatesIn");
        candidatesUnknown = group.counter("candidatesDroppedUnknown");
        candidatesDeleted = group.counter("candidatesDroppedDeleted");
        candidatesSeen = group.counter("candidatesDroppedSeen");
        engagementsUnknownVideo = group.counter("engagementsUnknownVideo");
        requestsAllCandidatesUnknown = group.counter("requestsAllCandidatesUnknown");
        requestsFilled = group.counter("requestsFilled");
        candidatesFilled = group.counter("candidatesFilled");
    }

    /** Counts one scoring task before any filling: {@code offered} candidates, of which {@code rows} kept some. */
    void record(Trigger trigger, int offered, CandidateRows rows) {
        requests.inc();
        if (trigger == Trigger.COLD_START) {
            coldStarts.inc();
        }
        candidatesIn.inc(offered);
        candidatesUnknown.inc(rows.unknown);
        candidatesDeleted.inc(rows.deleted);
        candidatesSeen.inc(rows.seen);
        if (offered > 0 && rows.unknown == offered) {
            requestsAllCandidatesUnknown.inc();
        }
    }

    /** Counts the fallback candidates added to one short list, if any. */
    void recordFilled(int candidates) {
        if (candidates > 0) {
            requestsFilled.inc();
            candidatesFilled.inc(candidates);
        }
    }

    /** Reports the catalog's size from now on; once per operator instance, when its lookups are built. */
    void trackCatalog(RankerCatalog catalog) {
        group.gauge("catalogIndexedVideos", (Gauge<Integer>) catalog::indexedVideos);
    }
}
