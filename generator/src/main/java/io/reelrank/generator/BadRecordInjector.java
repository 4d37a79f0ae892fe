package io.reelrank.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.ingest.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Replaces every {@code every}-th engagement (indices every-1, 2*every-1, ...) with a malformed
 * one, so a demo shows dead letters. The defects take turns, each breaking one rule of the
 * engagements contract; which one a record gets depends on its index only, so the injection is
 * as deterministic as the stream it wraps. {@code every = 0} passes everything through.
 */
public final class BadRecordInjector implements GeneratorFunction<Long, RawRecord> {

    private static final long serialVersionUID = 1L;

    /** Ways an engagement record can be broken, in the order they take turns. */
    public enum Defect {
        TRUNCATED_JSON,
        NEGATIVE_WATCH_MS,
        UNKNOWN_ACTION,
        MISSING_USER_ID,
        TEXT_TIMESTAMP,
        NOT_UTF8
    }

    private static final String USER_ID_PREFIX = "\"user_id\":\"";

    private final GeneratorFunction<Long, RawRecord> engagements;
    private final int every;

    public BadRecordInjector(GeneratorFunction<Long, RawRecord> engagements, int every) {
        if (every < 0) {
            throw new IllegalArgumentException("every is " + every + "; use 0 to inject nothing");
        }
        this.engagements = engagements;
        this.every = every;
    }

    /** The defect of the record at {@code index}, or null when that record stays intact. */
    public Defect defectAt(long index) {
        if (every == 0 || (index + 1) % every != 0) {
            return null;
        }
        Defect[] defects = Defect.values();
        return defects[(int) (((index + 1) / every - 1) % defects.length)];
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        engagements.open(readerContext);
    }

    @Override
    public void close() throws Exception {
        engagements.close();
    }

    @Override
    public RawRecord map(Long index) throws Exception {
        RawRecord good = engagements.map(index);
        Defect defect = defectAt(index);
        return defect == null
                ? good
                : new RawRecord(good.source(), good.partition(), good.offset(), good.timestamp(),
                        broken(good.value(), defect));
    }

    private static byte[] broken(byte[] json, Defect defect) throws Exception {
        if (defect == Defect.TRUNCATED_JSON) {
            return Arrays.copyOf(json, json.length / 2);
        } else if (defect == Defect.NOT_UTF8) {
            return withInvalidUtf8InUserId(json);
        }
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(json);
        switch (defect) {
            case NEGATIVE_WATCH_MS -> record.put("action", "play").put("watch_ms", -1_500);
            case UNKNOWN_ACTION -> record.put("action", "teleport");
            case MISSING_USER_ID -> record.remove("user_id");
            case TEXT_TIMESTAMP -> record.put("ts", "yesterday");
            default -> throw new IllegalStateException("unhandled defect " + defect);
        }
        return Json.MAPPER.writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Puts the bytes inside a string value: bytes after a complete object could be ignored as
     * trailing garbage by a lenient parser. 0xC3 opens a two-byte sequence 0x28 cannot continue.
     */
    private static byte[] withInvalidUtf8InUserId(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int at = text.indexOf(USER_ID_PREFIX);
        if (at < 0) {
            throw new IllegalArgumentException("not an engagement with a user_id: " + text);
        }
        byte[] head = text.substring(0, at + USER_ID_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + USER_ID_PREFIX.length()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(head, head.length + 2 + tail.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        return bytes;
    }
}
