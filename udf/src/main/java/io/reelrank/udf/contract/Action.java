package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a user did with a video, as named on the engagements topic. {@link #code()} is the
 * action's number in a model's {@code history_actions} input: fixed per action, never reused, 0
 * left for padding.
 */
public enum Action {
    IMPRESSION(1),
    PLAY(2),
    LIKE(3),
    COMMENT(4),
    SHARE(5),
    FOLLOW(6),
    SKIP(7);

    private final int code;

    Action(int code) {
        this.code = code;
    }

    /** The action's number in model inputs (1..7; 0 is padding). */
    public int code() {
        return code;
    }

    /** The action numbered {@code code}, as {@link #code()} numbers them. */
    public static Optional<Action> fromCode(int code) {
        for (Action action : VALUES) {
            if (action.code == code) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

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
