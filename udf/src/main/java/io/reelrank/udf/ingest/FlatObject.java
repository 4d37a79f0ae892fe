package io.reelrank.udf.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The top-level fields of one JSON object as plain values: {@link String}, {@link Long} (an
 * integer that fits in 64 bits), {@link java.math.BigInteger} (one that does not), {@link
 * Double}, {@link Boolean}, null for JSON null, a {@link List} of such values for an array, and
 * {@link #NESTED} for an object below the top level.
 *
 * <p>{@link #stream} reads the shape every well-formed record has (one object of scalars and
 * arrays of scalars) with Jackson's streaming parser, without building a tree. Anything else
 * (nested objects or arrays, duplicate keys, trailing content, malformed JSON, not an object)
 * it declines, and the caller reads the record with the tree reader instead, which names the
 * problem. So the fast path only ever returns what {@link #of(ObjectNode)} would return for the
 * same bytes, and every rejection reason comes from the tree reader.
 */
final class FlatObject {

    /** Stands for a JSON object below the top level; no field of any contract is one. */
    static final Object NESTED = new Object();

    /** What {@link #value} returns for a token the streaming path leaves to the tree reader. */
    private static final Object DECLINED = new Object();

    private final String[] names;
    private final Object[] values;
    private final int size;

    private FlatObject(String[] names, Object[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * The record's fields read by streaming, or null when the record is not a flat object
     * without duplicate keys and trailing content (the tree reader then decides).
     */
    static FlatObject stream(ObjectReader reader, byte[] bytes) {
        try (JsonParser parser = reader.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String[] names = new String[8];
            Object[] values = new Object[8];
            int size = 0;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                Object value = value(parser, parser.nextToken(), true);
                if (value == DECLINED || indexOf(names, size, name) >= 0) {
                    return null;
                }
                if (size == names.length) {
                    names = Arrays.copyOf(names, size * 2);
                    values = Arrays.copyOf(values, size * 2);
                }
                names[size] = name;
                values[size++] = value;
            }
            // The loop ends at the object's end (or malformed input, which throws); more content
            // after it is the tree reader's trailing-token error.
            return parser.nextToken() == null ? new FlatObject(names, values, size) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The same fields taken from a tree the tree reader built. */
    static FlatObject of(ObjectNode object) {
        String[] names = new String[object.size()];
        Object[] values = new Object[object.size()];
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); size++) {
            Map.Entry<String, JsonNode> field = it.next();
            names[size] = field.getKey();
            values[size] = valueOf(field.getValue());
        }
        return new FlatObject(names, values, size);
    }

    /** The field's value, or null when it is absent or JSON null (both read as absent). */
    Object get(String name) {
        int index = indexOf(names, size, name);
        return index < 0 ? null : values[index];
    }

    private static Object value(JsonParser parser, JsonToken token, boolean arrayAllowed) throws Exception {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue()
                    : (Object) parser.getLongValue();
            // As the tree reader keeps a JSON fraction: a double (DoubleNode).
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_ARRAY -> arrayAllowed ? array(parser) : DECLINED;
            default -> DECLINED;
        };
    }

    private static Object array(JsonParser parser) throws Exception {
        List<Object> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            Object element = value(parser, token, false);
            if (element == DECLINED) {
                return DECLINED;
            }
            elements.add(element);
        }
        return elements;
    }

    private static Object valueOf(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> elements = new ArrayList<>(node.size());
            node.forEach(element -> elements.add(valueOf(element)));
            return elements;
        }
        return node.isObject() ? NESTED : null;
    }

    private static int indexOf(String[] names, int size, String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FlatObject that) || that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!names[i].equals(that.names[i]) || !Objects.equals(values[i], that.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(Arrays.copyOf(names, size));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
