package io.reelrank.tools.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.generator.CsvFields;
import io.reelrank.udf.contract.Json;
import java.util.List;
import java.util.Optional;

/**
 * A CSV row as the contract's JSON object: column names are field names; list columns split on
 * '|'; integer columns and the embedding become numbers, {@code deleted} a boolean, when they
 * read as such (otherwise they stay text, and the job's validation names the problem); empty
 * cells are left out.
 */
final class CsvToJson {
    private final InputKind kind;
    private final List<String> header;

    CsvToJson(InputKind kind, String headerLine) {
        this.kind = kind;
        this.header = CsvFields.split(headerLine).stream().map(String::trim).toList();
    }

    /** The JSON object of the row, or empty when the row cannot be split into the header's columns. */
    Optional<ObjectNode> convert(String line) {
        List<String> cells;
        try {
            cells = CsvFields.split(line);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (cells.size() != header.size()) {
            return Optional.empty();
        }
        ObjectNode object = Json.MAPPER.createObjectNode();
        for (int i = 0; i < cells.size(); i++) {
            String name = header.get(i);
            String cell = cells.get(i).trim();
            if (!cell.isEmpty()) {
                put(object, name, cell);
            }
        }
        return Optional.of(object);
    }

    private void put(ObjectNode object, String name, String cell) {
        if (kind.listColumns.contains(name)) {
            ArrayNode list = object.putArray(name);
            for (String item : cell.split(InputKind.LIST_SEPARATOR)) {
                String v = item.trim();
                if (name.equals("embedding") && isNumber(v)) {
                    list.add(Double.parseDouble(v));
                } else {
                    list.add(v);
                }
            }
        } else if (kind.integerColumns.contains(name) && isInteger(cell)) {
            object.put(name, Long.parseLong(cell));
        } else if (name.equals("deleted") && (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false"))) {
            object.put(name, Boolean.parseBoolean(cell));
        } else {
            object.put(name, cell);
        }
    }

    private static boolean isInteger(String cell) {
        return cell.matches("-?\\d{1,18}");
    }

    private static boolean isNumber(String cell) {
        try {
            Double.parseDouble(cell);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
