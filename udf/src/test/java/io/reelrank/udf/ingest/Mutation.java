package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.FuzzValues.NODES;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** One way the fuzz test turns a good record into input, and what the parser must then do with it. */
enum Mutation {
    NONE(Outcome.PARSED),
    UNKNOWN_FIELDS(Outcome.PARSED),
    REORDERED_AND_PRETTY(Outcome.PARSED),
    BYTE_ORDER_MARK(Outcome.PARSED),
    REMOVE_REQUIRED_FIELD(Outcome.REJECTED),
    WRONG_TYPE(Outcome.REJECTED),
    BROKEN_VALUE(Outcome.REJECTED),
    NESTED_JUNK(Outcome.REJECTED),
    HUGE_STRING(Outcome.REJECTED),
    HUGE_AND_INVALID_UTF8(Outcome.REJECTED),
    INVALID_UTF8(Outcome.REJECTED),
    TRUNCATED(Outcome.REJECTED),
    DUPLICATE_KEY(Outcome.REJECTED),
    TRAILING_GARBAGE(Outcome.REJECTED),
    NOT_AN_OBJECT(Outcome.REJECTED),
    RANDOM_BYTES(Outcome.REJECTED),
    FLIP_BIT(Outcome.EITHER),
    REPLACE_BYTE(Outcome.EITHER),
    DELETE_BYTE(Outcome.EITHER),
    INSERT_BYTE(Outcome.EITHER);

    enum Outcome {
        PARSED,
        REJECTED,
        EITHER
    }

    /** Sequences no UTF-8 decoder may accept: stray bytes, a cut-off sequence, overlong, surrogate, > U+10FFFF. */
    private static final List<byte[]> INVALID_UTF8_SEQUENCES =
            List.of(
                    bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xC3, 0x28), bytes(0xE2, 0x82), bytes(0xC0, 0xAF),
                    bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80));

    final Outcome outcome;

    Mutation(Outcome outcome) {
        this.outcome = outcome;
    }

    <T> byte[] apply(FuzzTopic<T> topic, T record, Random random) {
        ObjectNode json = Json.MAPPER.valueToTree(record);
        byte[] good = Json.toBytes(record);
        return switch (this) {
            case NONE -> good;
            case UNKNOWN_FIELDS -> {
                json.put("schema_version", random.nextInt());
                ObjectNode client = NODES.objectNode().put("os", "ios");
                client.set("builds", NODES.arrayNode().add(1).add(2.5));
                json.set("client", client);
                yield Json.toBytes(json);
            }
            case REORDERED_AND_PRETTY -> {
                List<String> names = new ArrayList<>();
                json.fieldNames().forEachRemaining(names::add);
                Collections.shuffle(names, random);
                ObjectNode reordered = NODES.objectNode();
                names.forEach(name -> reordered.set(name, json.get(name)));
                yield utf8(reordered.toPrettyString());
            }
            case BYTE_ORDER_MARK -> concat(bytes(0xEF, 0xBB, 0xBF), good);
            case REMOVE_REQUIRED_FIELD -> {
                json.remove(FuzzValues.pick(random, topic.requiredFields(record)));
                yield Json.toBytes(json);
            }
            case WRONG_TYPE -> {
                String field = FuzzValues.pick(random, topic.requiredFields(record));
                json.set(field, wrongType(json.get(field), random));
                yield Json.toBytes(json);
            }
            case BROKEN_VALUE -> {
                topic.breakValue(json, record, random);
                yield Json.toBytes(json);
            }
            case NESTED_JUNK -> {
                JsonNode junk = NODES.numberNode(1);
                for (int depth = 1 + random.nextInt(30); depth > 0; depth--) {
                    junk = random.nextBoolean() ? NODES.arrayNode().add(junk) : NODES.objectNode().set("k", junk);
                }
                json.set(FuzzValues.pick(random, topic.requiredFields(record)), junk);
                yield Json.toBytes(json);
            }
            case HUGE_STRING -> {
                json.put("padding", "p".repeat(InputLimits.MAX_RECORD_BYTES + random.nextInt(100_000)));
                yield Json.toBytes(json);
            }
            case HUGE_AND_INVALID_UTF8 -> {
                json.put("padding", "p".repeat(InputLimits.MAX_RECORD_BYTES + random.nextInt(100_000)));
                yield insertInvalidUtf8(Json.toBytes(json), random);
            }
            case INVALID_UTF8 -> insertInvalidUtf8(good, random);
            case TRUNCATED -> Arrays.copyOf(good, random.nextInt(good.length));
            case DUPLICATE_KEY -> {
                String first = json.fieldNames().next();
                yield utf8("{\"" + first + "\":" + json.get(first) + "," + json.toString().substring(1));
            }
            case TRAILING_GARBAGE -> {
                String garbage = FuzzValues.pick(random, List.of("{}", "x", ",", "]", "}", " 1", "\"\""));
                yield concat(good, utf8(garbage));
            }
            case NOT_AN_OBJECT -> utf8("[" + json + "]");
            case RANDOM_BYTES -> {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                yield noise;
            }
            case FLIP_BIT -> {
                good[random.nextInt(good.length)] ^= (byte) (1 << random.nextInt(8));
                yield good;
            }
            case REPLACE_BYTE -> {
                good[random.nextInt(good.length)] = (byte) random.nextInt(256);
                yield good;
            }
            case DELETE_BYTE -> {
                int at = random.nextInt(good.length);
                yield concat(Arrays.copyOf(good, at), Arrays.copyOfRange(good, at + 1, good.length));
            }
            case INSERT_BYTE -> {
                int at = random.nextInt(good.length + 1);
                byte[] one = {(byte) random.nextInt(256)};
                yield concat(concat(Arrays.copyOf(good, at), one), Arrays.copyOfRange(good, at, good.length));
            }
        };
    }

    private static JsonNode wrongType(JsonNode value, Random random) {
        List<JsonNode> wrong = new ArrayList<>();
        wrong.addAll(List.of(NODES.nullNode(), NODES.booleanNode(random.nextBoolean()), NODES.objectNode()));
        if (value.isTextual()) {
            wrong.addAll(List.of(NODES.numberNode(random.nextInt()), NODES.numberNode(0.5), NODES.arrayNode().add(value)));
        } else if (value.isIntegralNumber()) {
            wrong.addAll(List.of(
                    NODES.textNode(value.asText()), NODES.numberNode(value.asLong() + 0.5), NODES.arrayNode().add(value)));
        } else if (value.isArray()) {
            wrong.addAll(List.of(NODES.textNode(value.toString()), NODES.numberNode(random.nextInt())));
        }
        return FuzzValues.pick(random, wrong);
    }

    /** Inserts the sequence between two characters, so that it cannot complete a neighbour's sequence. */
    private static byte[] insertInvalidUtf8(byte[] valid, Random random) {
        int at = random.nextInt(valid.length + 1);
        while (at < valid.length && (valid[at] & 0xC0) == 0x80) {
            at++;
        }
        byte[] sequence = FuzzValues.pick(random, INVALID_UTF8_SEQUENCES);
        return concat(concat(Arrays.copyOf(valid, at), sequence), Arrays.copyOfRange(valid, at, valid.length));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(a.length + b.length);
        all.writeBytes(a);
        all.writeBytes(b);
        return all.toByteArray();
    }
}
