package io.reelrank.bench;

import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.generator.RankRequestGenerator;
import io.reelrank.udf.ingest.RawRecord;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The generator's rank requests with the wall-clock time each left the source appended to its
 * request id ({@code r-7@1767225600123}). The job treats request ids as opaque and copies them
 * into the recommendation, so request-to-recommendation latency is {@code emitted_ts} minus
 * that stamp: source, parsing, keyBy, feature assembly, batching, scoring and top-N included.
 */
final class StampedRequests implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final char STAMP = '@';

    private final RankRequestGenerator requests;

    StampedRequests(RankRequestGenerator requests) {
        this.requests = requests;
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        requests.open(readerContext);
    }

    @Override
    public RawRecord map(Long index) throws Exception {
        RankRequest request = requests.request(index);
        RankRequest stamped = new RankRequest(request.requestId() + STAMP + System.currentTimeMillis(),
                request.userId(), request.candidates(), request.n(), request.ts());
        return RawRecord.of(Topics.RANK_REQUESTS, index, Json.toBytes(stamped));
    }

    /** The source wall-clock time stamped into {@code requestId}. */
    static long sourceMillis(String requestId) {
        return Long.parseLong(requestId.substring(requestId.lastIndexOf(STAMP) + 1));
    }
}
