package io.reelrank.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        List<ReplayRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvToJson converter = csv ? new CsvToJson(kind, headerOf(reader, file)) : null;
            long previousTs = Long.MIN_VALUE;
            long lineNumber = csv ? 1 : 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String origin = file.getFileName() + ":" + lineNumber;
                Optional<ObjectNode> object = csv ? converter.convert(line) : jsonObject(line);
                // JSON lines go out byte for byte; a CSV row as its JSON, or as the line if it has none.
                byte[] value = csv ? object.map(Json::toBytes).orElse(utf8(line)) : utf8(line);
                ReplayRecord record = object
                        .flatMap(o -> contractRecord(kind, o, value, origin))
                        .orElse(new ReplayRecord(kind, null, value, previousTs, false, origin));
                previousTs = record.eventTs();
                records.add(record);
            }
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

    private static Optional<ObjectNode> jsonObject(String line) {
        try {
            return Json.MAPPER.readTree(line) instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String headerOf(BufferedReader reader, Path file) throws IOException {
        String header = reader.readLine();
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException(file + ": a CSV file starts with a header row naming the fields");
        }
        return header.startsWith("\uFEFF") ? header.substring(1) : header;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
