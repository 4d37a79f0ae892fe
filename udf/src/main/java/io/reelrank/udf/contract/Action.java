package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user did with a video, as named on the engagements topic. */
public enum Action {
    IMPRESSION,
    PLAY,
    LIKE,
    COMMENT,
    SHARE,
    FOLLOW,
    SKIP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Wire names in declaration order, computed once: parsing looks one up per engagement. */
    private static final String[] WIRE_NAMES =
            Arrays.stream(values()).map(Action::wireName).toArray(String[]::new);

    private static final Action[] VALUES = values();

    public static Optional<Action> fromWire(String name) {
        for (int i = 0; i < VALUES.length; i++) {
            if (WIRE_NAMES[i].equals(name)) {
                return Optional.of(VALUES[i]);
            }
        }
        return Optional.empty();
    }
}
