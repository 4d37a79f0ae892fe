package io.reelrank.job;

import io.reelrank.udf.privacy.DeadLetterRedaction;
import io.reelrank.udf.privacy.UserIdPseudonyms;
import java.io.Serializable;
import org.apache.flink.configuration.ReadableConfig;

/** What the job's outputs may carry about users: pseudonymised ids (null: real ids) and how much raw input. */
public record PrivacySettings(UserIdPseudonyms pseudonyms, int maxDeadLetterRawChars) implements Serializable {

    public static PrivacySettings from(ReadableConfig config) {
        String secret = config.get(ReelRankOptions.PRIVACY_USER_ID_SECRET);
        int maxRawChars = config.get(ReelRankOptions.DEAD_LETTER_MAX_RAW_CHARS);
        if (maxRawChars < 0) {
            throw new IllegalArgumentException(ReelRankOptions.DEAD_LETTER_MAX_RAW_CHARS.key() + " must be >= 0, got "
                    + maxRawChars);
        }
        try {
            return new PrivacySettings(secret == null ? null : new UserIdPseudonyms(secret), maxRawChars);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ReelRankOptions.PRIVACY_USER_ID_SECRET.key() + ": " + e.getMessage(), e);
        }
    }

    public DeadLetterRedaction deadLetters() {
        return new DeadLetterRedaction(pseudonyms, maxDeadLetterRawChars);
    }
}
