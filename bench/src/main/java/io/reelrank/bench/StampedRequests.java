package io.reelrank.bench;

import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The generator's rank requests with the wall-clock time each left the source appended to its
 * request id ({@code r-7@1767225600123}). The job treats request ids as opaque and copies them
 * into the recommendation, so request-to-recommendation latency is {@code emitted_ts} minus
 * that stamp: source, parsing, keyBy, feature assembly, batching, scoring and top-N included.
 *
 * <p>As {@link PregeneratedRecords}, every request's JSON (up to {@link #MAX_PREGENERATED}) is
 * written when the reader opens, with where its request id ends; emitting a request only copies
 * it with the stamp inserted there.
 */
final class StampedRequests implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final char STAMP = '@';
    /** Requests made ahead at most (a few hundred MB of JSON at 1000 candidates); later ones are made as they go. */
    static final int MAX_PREGENERATED = 100_000;

    private final RankRequestGenerator requests;
    private final int count;
    private transient byte[][] json;
    private transient int[] endOfId;

    StampedRequests(RankRequestGenerator requests, long count) {
        this.requests = requests;
        this.count = (int) Math.min(count, MAX_PREGENERATED);
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        requests.open(readerContext);
        json = new byte[count][];
        endOfId = new int[count];
        for (int i = 0; i < count; i++) {
            RankRequest request = requests.request(i);
            json[i] = Json.toBytes(request);
            endOfId[i] = endOfRequestId(json[i], request.requestId());
        }
    }

    @Override
    public RawRecord map(Long index) throws Exception {
        if (index >= 0 && index < count) {
            int i = (int) (long) index;
            return RawRecord.of(Topics.RANK_REQUESTS, index, stamped(json[i], endOfId[i]));
        }
        // Past the pregenerated ones (a source of 0 records still asks for index 0).
        RankRequest request = requests.request(index);
        byte[] written = Json.toBytes(request);
        return RawRecord.of(Topics.RANK_REQUESTS, index, stamped(written, endOfRequestId(written, request.requestId())));
    }

    /** {@code json} with the current wall-clock time inserted at {@code at}, the end of its request id. */
    private static byte[] stamped(byte[] json, int at) {
        byte[] stamp = (STAMP + Long.toString(System.currentTimeMillis())).getBytes(StandardCharsets.US_ASCII);
        byte[] stamped = new byte[json.length + stamp.length];
        System.arraycopy(json, 0, stamped, 0, at);
        System.arraycopy(stamp, 0, stamped, at, stamp.length);
        System.arraycopy(json, at, stamped, at + stamp.length, json.length - at);
        return stamped;
    }

    /** Where the request id's value ends in the request's JSON. */
    static int endOfRequestId(byte[] json, String requestId) {
        byte[] field = ("\"request_id\":\"" + requestId + "\"").getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + field.length <= json.length; at++) {
            if (Arrays.equals(json, at, at + field.length, field, 0, field.length)) {
                return at + field.length - 1;
            }
        }
        throw new IllegalStateException("request id " + requestId + " not found as written in its JSON");
    }

    /** The source wall-clock time stamped into {@code requestId}. */
    static long sourceMillis(String requestId) {
        return Long.parseLong(requestId.substring(requestId.lastIndexOf(STAMP) + 1));
    }
}
