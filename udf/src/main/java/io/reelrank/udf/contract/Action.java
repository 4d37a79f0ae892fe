package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonValue;
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

    public static Optional<Action> fromWire(String name) {
        for (Action action : values()) {
            if (action.wireName().equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
