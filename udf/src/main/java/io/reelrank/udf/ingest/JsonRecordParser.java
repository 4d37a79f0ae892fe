package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.InputLimits.MAX_RECORD_BYTES;


import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.IOException;

/**
 * The checks every topic shares, in the order that gives the most useful reason: the bytes are
 * strict UTF-8, within {@link InputLimits#MAX_RECORD_BYTES}, one well-formed JSON object; then
 * the subclass reads its fields through {@link JsonFields}. Well-formed records are read by
 * streaming ({@link FlatObject#stream}); everything else by the tree reader, which names the
 * problem.
 */
abstract class JsonRecordParser<T> implements RecordParser<T> {

    /**
     * {@link Json#MAPPER} (and its read constraints), stricter still: trailing content and
     * duplicate keys make a record ambiguous, so they reject it instead of silently picking one.
     */
    static final ObjectReader STRICT_READER =
            Json.MAPPER
                    .reader()
                    .with(
                            DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                            DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final int MAX_REASON_CHARS = 300;

    @Override
    public final ParseResult<T> parse(byte[] bytes) {
        try {
            return ParseResult.ok(read(new JsonFields(object(bytes))));
        } catch (RejectedRecord e) {
            return ParseResult.rejected(e.getMessage());
        } catch (JsonProcessingException e) {
            return ParseResult.rejected(
                    abbreviate("malformed JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage()));
        } catch (Exception e) {
            // A parser bug must not fail the job: the record still reaches the dead letters.
            return ParseResult.rejected(abbreviate("cannot parse: " + e));
        }
    }

    /** Builds the record from a JSON object; throws {@link RejectedRecord} to reject it. */
    protected abstract T read(JsonFields fields);

    private static FlatObject object(byte[] bytes) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new RejectedRecord("record is empty");
        }
        Utf8.requireValid(bytes);
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new RejectedRecord(
                    "record is " + bytes.length + " bytes, larger than " + MAX_RECORD_BYTES);
        }
        // Bytes, not the decoded text: Jackson then skips a leading byte order mark, as RFC 8259 allows.
        FlatObject streamed = FlatObject.stream(STRICT_READER, bytes);
        if (streamed != null) {
            return streamed;
        }
        // Not a flat object, or not well-formed: the tree reader names the problem.
        JsonNode node = STRICT_READER.readTree(bytes);
        if (!(node instanceof ObjectNode object)) {
            throw new RejectedRecord("not a JSON object");
        }
        return FlatObject.of(object);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String abbreviate(String reason) {
        return reason.length() <= MAX_REASON_CHARS
                ? reason
                : reason.substring(0, MAX_REASON_CHARS) + "...";
    }
}
