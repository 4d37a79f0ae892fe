package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/** Random values, valid and certainly invalid, for the fuzz test's records. */
final class FuzzValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Characters that stress escaping and UTF-8: quotes, backslashes, controls, 2-4 byte forms. */
    private static final String[] ID_CHARS = {
        "a", "z", "Q", "0", "9", "-", "_", "/", ".", "\"", "\\", "\u0001", "é", "ß", "日", "本", "\uD83C\uDFAC"
    };

    private static final List<JsonNode> BAD_TIMESTAMPS =
            List.of(
                    LongNode.valueOf(-1L),
                    LongNode.valueOf(0L),
                    LongNode.valueOf(InputLimits.MIN_TIMESTAMP_MS - 1),
                    LongNode.valueOf(InputLimits.MAX_TIMESTAMP_MS),
                    LongNode.valueOf(99_999_999_999_999L),
                    LongNode.valueOf(Long.MAX_VALUE),
                    LongNode.valueOf(Long.MIN_VALUE),
                    NODES.numberNode(BigInteger.TEN.pow(20)));

    private FuzzValues() {}

    static String text(Random random, int minChars, int maxChars) {
        int length = minChars + random.nextInt(maxChars - minChars + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return text.toString();
    }

    static String id(Random random) {
        int maxChars = InputLimits.MAX_ID_CHARS;
        return random.nextInt(50) == 0 ? text(random, maxChars, maxChars) : text(random, 1, 16);
    }

    static long timestamp(Random random) {
        long span = InputLimits.MAX_TIMESTAMP_MS - InputLimits.MIN_TIMESTAMP_MS;
        return InputLimits.MIN_TIMESTAMP_MS + (long) (random.nextDouble() * span);
    }

    static JsonNode badTimestamp(Random random) {
        return pick(random, BAD_TIMESTAMPS);
    }

    /** An id that breaks one rule: empty, blank, or one code point too long (or far too long). */
    static JsonNode badId(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> TextNode.valueOf("");
            case 1 -> TextNode.valueOf(" \t ".substring(0, 1 + random.nextInt(3)));
            default -> TextNode.valueOf(text(random, InputLimits.MAX_ID_CHARS + 1, 1000));
        };
    }

    /** An array element that is not a usable string. */
    static JsonNode badStringElement(Random random, int maxChars) {
        return switch (random.nextInt(5)) {
            case 0 -> TextNode.valueOf("");
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.nullNode();
            case 3 -> NODES.arrayNode().add("x");
            default -> TextNode.valueOf(text(random, maxChars + 1, maxChars + 100));
        };
    }

    static ArrayNode stringArray(Random random, int size) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            array.add("s" + i);
        }
        return array;
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static void assertValidId(String id) {
        assertThat(id).isNotBlank();
        assertThat(id.codePointCount(0, id.length())).isLessThanOrEqualTo(InputLimits.MAX_ID_CHARS);
    }

    static void assertValidTimestamp(long ts) {
        assertThat(ts).isBetween(InputLimits.MIN_TIMESTAMP_MS, InputLimits.MAX_TIMESTAMP_MS - 1);
    }
}
