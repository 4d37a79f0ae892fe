package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a recommendation list was produced. */
public enum Trigger {
    /** An explicit rank request with upstream candidates. */
    REQUEST,
    /** In-job candidates, ranked after every K engagements of a user. */
    REFRESH,
    /** A request for a user with no history, ranked with default user features. */
    COLD_START;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
