package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.InputLimits.MAX_ID_CHARS;
import static io.reelrank.udf.ingest.InputLimits.MAX_TIMESTAMP_MS;
import static io.reelrank.udf.ingest.InputLimits.MIN_TIMESTAMP_MS;
import static io.reelrank.udf.ingest.InputLimits.TIMESTAMP_RANGE;


import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one JSON object by hand, so that every wrong type, missing field or
 * out-of-range value rejects the record with a reason naming the field. A JSON {@code null} counts
 * as absent.
 */
final class JsonFields {

    private static final int MAX_QUOTED_CHARS = 64;

    private final FlatObject object;

    JsonFields(FlatObject object) {
        this.object = object;
    }

    /** A non-blank string of at most {@link InputLimits#MAX_ID_CHARS} characters. */
    String id(String name) {
        String value = (String) requiredNode(name, JsonNodeKind.STRING);
        if (value.isEmpty()) {
            throw new RejectedRecord(name + " must not be empty");
        }
        if (value.isBlank()) {
            throw new RejectedRecord(name + " must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_ID_CHARS) {
            throw new RejectedRecord(name + " longer than " + MAX_ID_CHARS + " characters");
        }
        return value;
    }

    String text(String name) {
        return (String) requiredNode(name, JsonNodeKind.STRING);
    }

    long timestamp(String name) {
        long value = longValue(name, requiredNode(name, JsonNodeKind.INTEGER));
        if (value < MIN_TIMESTAMP_MS || value >= MAX_TIMESTAMP_MS) {
            throw new RejectedRecord(name + " " + value + " outside " + TIMESTAMP_RANGE);
        }
        return value;
    }

    long requiredLong(String name) {
        return longValue(name, requiredNode(name, JsonNodeKind.INTEGER));
    }

    /** The value, or null when the field is absent. */
    Long optionalLong(String name) {
        Object node = optionalNode(name, JsonNodeKind.INTEGER);
        return node == null ? null : longValue(name, node);
    }

    boolean optionalBoolean(String name, boolean absent) {
        Object node = optionalNode(name, JsonNodeKind.BOOLEAN);
        return node == null ? absent : (Boolean) node;
    }

    /** Non-blank strings of at most {@code maxChars} characters; the field must be present. */
    List<String> requiredStrings(String name, int maxEntries, int maxChars) {
        return strings(name, (List<?>) requiredNode(name, JsonNodeKind.ARRAY), maxEntries, maxChars);
    }

    /** Like {@link #requiredStrings} but an absent field reads as an empty list. */
    List<String> optionalStrings(String name, int maxEntries, int maxChars) {
        List<?> array = (List<?>) optionalNode(name, JsonNodeKind.ARRAY);
        return array == null ? List.of() : strings(name, array, maxEntries, maxChars);
    }

    /** Finite floats; an absent field reads as an empty array. */
    float[] optionalFloats(String name, int maxValues) {
        List<?> array = (List<?>) optionalNode(name, JsonNodeKind.ARRAY);
        if (array == null) {
            return new float[0];
        }
        checkSize(name, array, maxValues, "values");
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            // A double beyond float range (1e300) turns into infinity here, and is rejected too.
            float value = array.get(i) instanceof Number number ? number.floatValue() : Float.NaN;
            if (!Float.isFinite(value)) {
                throw new RejectedRecord(name + "[" + i + "] must be a finite number");
            }
            values[i] = value;
        }
        return values;
    }

    /** A user-supplied value for a reason: quoted, and short even when the input is huge. */
    static String quote(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_QUOTED_CHARS) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, value.offsetByCodePoints(0, MAX_QUOTED_CHARS)) + "...'";
    }

    private List<String> strings(String name, List<?> array, int maxEntries, int maxChars) {
        checkSize(name, array, maxEntries, "entries");
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String value) || value.isBlank()) {
                throw new RejectedRecord(name + "[" + i + "] must be a non-empty string");
            }
            if (value.codePointCount(0, value.length()) > maxChars) {
                throw new RejectedRecord(name + "[" + i + "] longer than " + maxChars + " characters");
            }
            values.add(value);
        }
        return values;
    }

    private static void checkSize(String name, List<?> array, int max, String unit) {
        if (array.size() > max) {
            throw new RejectedRecord(
                    name + " has " + array.size() + " " + unit + ", more than " + max);
        }
    }

    private static long longValue(String name, Object node) {
        if (node instanceof BigInteger big) {
            throw new RejectedRecord(name + " " + big + " does not fit in 64 bits");
        }
        return (Long) node;
    }

    private Object requiredNode(String name, JsonNodeKind kind) {
        Object node = optionalNode(name, kind);
        if (node == null) {
            throw new RejectedRecord("missing field " + name);
        }
        return node;
    }

    /** The field's value (see {@link FlatObject}), or null when absent or JSON null. */
    private Object optionalNode(String name, JsonNodeKind kind) {
        Object node = object.get(name);
        if (node == null) {
            return null;
        }
        if (!kind.matches(node)) {
            throw new RejectedRecord("field " + name + " must be " + kind.description);
        }
        return node;
    }

    private enum JsonNodeKind {
        STRING("a string"),
        INTEGER("an integer"),
        BOOLEAN("a boolean"),
        ARRAY("an array");

        final String description;

        JsonNodeKind(String description) {
            this.description = description;
        }

        boolean matches(Object node) {
            return switch (this) {
                case STRING -> node instanceof String;
                case INTEGER -> node instanceof Long || node instanceof BigInteger;
                case BOOLEAN -> node instanceof Boolean;
                case ARRAY -> node instanceof List;
            };
        }
    }
}
