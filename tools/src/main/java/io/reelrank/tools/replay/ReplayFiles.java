package io.reelrank.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads input files (JSON lines, or CSV with a header row, told apart by extension) into
 * records keyed and timed as their topic wants, and merges several files into one event-time
 * order. Every non-blank line becomes a record; one that does not read as a contract record is
 * kept as it is (see {@link ReplayRecord}). Files are read whole into memory.
 */
final class ReplayFiles {
    private ReplayFiles() {}

    static List<ReplayRecord> read(Path file, InputKind kind) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        if (!csv && !name.endsWith(".jsonl") && !name.endsWith(".ndjson") && !name.endsWith(".json")) {
            throw new IllegalArgumentException(file + ": name the file *.jsonl (one JSON object a line) or *.csv (with a header row)");
        }
        List<byte[]> lines = Lines.split(Files.readAllBytes(file));
        int first = 0;
        CsvToJson converter = null;
        if (csv) {
            String header = lines.isEmpty() ? "" : Lines.utf8(lines.get(0)).orElse("");
            if (header.isBlank()) {
                throw new IllegalArgumentException(file + ": a CSV file starts with a header row naming the fields");
            }
            converter = new CsvToJson(kind, header.startsWith("\uFEFF") ? header.substring(1) : header);
            first = 1;
        }
        List<ReplayRecord> records = new ArrayList<>();
        long previousTs = Long.MIN_VALUE;
        for (int i = first; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (Lines.isBlank(line)) {
                continue;
            }
            String origin = file.getFileName() + ":" + (i + 1);
            Optional<ObjectNode> object = csv
                    ? Lines.utf8(line).flatMap(converter::convert)
                    : jsonObject(line);
            // JSON lines go out byte for byte; a CSV row as its JSON, or as the line if it has none.
            byte[] value = csv ? object.map(Json::toBytes).orElse(line) : line;
            ReplayRecord record = object
                    .flatMap(o -> contractRecord(kind, o, value, origin))
                    .orElse(new ReplayRecord(kind, null, value, previousTs, false, origin));
            previousTs = record.eventTs();
            records.add(record);
        }
        return records;
    }

    /** All records in event-time order; on a tie, the earlier file first (pass videos first). */
    static List<ReplayRecord> merge(List<List<ReplayRecord>> files) {
        List<ReplayRecord> all = new ArrayList<>();
        files.forEach(all::addAll);
        all.sort(Comparator.comparingLong(ReplayRecord::eventTs)); // stable: ties keep file and line order
        return all;
    }

    private static Optional<ReplayRecord> contractRecord(InputKind kind, ObjectNode object, byte[] value, String origin) {
        JsonNode key = object.get(kind.keyField);
        JsonNode ts = object.get(kind.timeField);
        if (key == null || !key.isTextual() || ts == null || !ts.canConvertToExactIntegral()) {
            return Optional.empty();
        }
        return Optional.of(new ReplayRecord(kind, key.asText(), value, ts.asLong(), true, origin));
    }

    private static Optional<ObjectNode> jsonObject(byte[] line) {
        try {
            return Json.MAPPER.readTree(line) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
