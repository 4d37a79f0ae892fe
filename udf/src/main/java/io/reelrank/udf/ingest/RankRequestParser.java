package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.InputLimits.MAX_CANDIDATES;
import static io.reelrank.udf.ingest.InputLimits.MAX_ID_CHARS;
import static io.reelrank.udf.ingest.InputLimits.MAX_N;
import static io.reelrank.udf.ingest.InputLimits.MIN_N;


import io.reelrank.udf.contract.RankRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses the rank-requests topic. Duplicate or missing candidates reject the request: the
 * retrieval stage upstream is broken then, and quietly repairing its output would hide that.
 */
public final class RankRequestParser extends JsonRecordParser<RankRequest> {

    private static final long serialVersionUID = 1L;

    @Override
    protected RankRequest read(JsonFields fields) {
        String requestId = fields.id("request_id");
        String userId = fields.id("user_id");
        List<String> candidates = fields.requiredStrings("candidates", MAX_CANDIDATES, MAX_ID_CHARS);
        if (candidates.isEmpty()) {
            throw new RejectedRecord("candidates must not be empty");
        }
        // Sized for every candidate: growing from 16 rehashed a 200-candidate request four times.
        Set<String> seen = new HashSet<>(candidates.size() * 2);
        for (String candidate : candidates) {
            if (!seen.add(candidate)) {
                throw new RejectedRecord("candidates has duplicate " + JsonFields.quote(candidate));
            }
        }
        Long n = fields.optionalLong("n");
        if (n != null && (n < MIN_N || n > MAX_N)) {
            throw new RejectedRecord("n must be within " + MIN_N + ".." + MAX_N);
        }
        Integer limit = n == null ? null : n.intValue();
        return new RankRequest(requestId, userId, candidates, limit, fields.timestamp("ts"));
    }

    @Override
    public long eventTime(RankRequest record) {
        return record.ts();
    }

    @Override
    public String eventTimeField() {
        return "ts";
    }

    @Override
    public Class<RankRequest> recordType() {
        return RankRequest.class;
    }
}
