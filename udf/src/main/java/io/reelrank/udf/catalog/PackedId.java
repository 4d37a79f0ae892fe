package io.reelrank.udf.catalog;

/**
 * Video ids of at most 16 Latin-1 characters packed into two longs and a length, so that an
 * entry can hold a copy of its id inline and a lookup can compare with it without reading the
 * key {@code String} and its bytes from elsewhere in the heap. Longer ids, or ids with other
 * characters, have length -1 and compare as strings. Static methods rather than an object, so
 * that a lookup allocates nothing.
 */
final class PackedId {
    private static final int MAX_CHARS = 16;

    private PackedId() {}

    /** The id's length when it packs, otherwise -1. */
    static int length(String id) {
        int length = id.length();
        if (length > MAX_CHARS) {
            return -1;
        }
        for (int i = 0; i < length; i++) {
            if (id.charAt(i) > 0xFF) {
                return -1;
            }
        }
        return length;
    }

    /** Characters 0-7 of an id that packs, one byte each. */
    static long low(String id, int length) {
        return pack(id, 0, Math.min(length, 8));
    }

    /** Characters 8-15 of an id that packs. */
    static long high(String id, int length) {
        return length <= 8 ? 0 : pack(id, 8, length);
    }

    private static long pack(String id, int from, int to) {
        long packed = 0;
        for (int i = from; i < to; i++) {
            packed |= (long) id.charAt(i) << (8 * (i - from));
        }
        return packed;
    }
}
