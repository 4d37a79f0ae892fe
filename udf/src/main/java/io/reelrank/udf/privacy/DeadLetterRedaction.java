package io.reelrank.udf.privacy;

import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.ingest.DeadLetters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * What a dead letter may carry out of the job. With pseudonyms on, every {@code "user_id"} value
 * in the raw text gets the id's pseudonym - found textually, so records too broken to parse are
 * covered too - and raw bytes that are not UTF-8 text are withheld, since ids in them cannot be
 * found. The raw text is then cut to {@code maxRawChars} (0 keeps none).
 */
public final class DeadLetterRedaction implements MapFunction<DeadLetter, DeadLetter> {

    private static final long serialVersionUID = 1L;
    /** A user_id's value: a JSON string, or a bare token (a number where a string belongs still names a user). */
    private static final Pattern USER_ID =
            Pattern.compile("(\"user_id\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s,}\\]\"]+)");
    static final String WITHHELD = " (raw withheld: not UTF-8 text, so user ids in it cannot be pseudonymised)";

    private final UserIdPseudonyms pseudonyms;
    private final int maxRawChars;

    /** {@code pseudonyms} null: user ids stay as they are. */
    public DeadLetterRedaction(UserIdPseudonyms pseudonyms, int maxRawChars) {
        if (maxRawChars < 0) {
            throw new IllegalArgumentException("max raw chars must be >= 0, got " + maxRawChars);
        }
        this.pseudonyms = pseudonyms;
        this.maxRawChars = maxRawChars;
    }

    @Override
    public DeadLetter map(DeadLetter letter) throws Exception {
        DeadLetter redacted = letter;
        if (pseudonyms != null && letter.raw() != null) {
            redacted = DeadLetter.UTF8.equals(letter.rawEncoding())
                    ? withRaw(letter, pseudonymise(letter.raw()), letter.reason())
                    : withRaw(letter, "", letter.reason() + WITHHELD);
        }
        return DeadLetters.cut(redacted, maxRawChars);
    }

    private String pseudonymise(String raw) throws Exception {
        Matcher matcher = USER_ID.matcher(raw);
        StringBuilder out = new StringBuilder(raw.length());
        while (matcher.find()) {
            String value = matcher.group(2);
            String id = value.startsWith("\"") ? Json.MAPPER.readValue(value, String.class) : value;
            String replacement = matcher.group(1) + "\"" + pseudonyms.pseudonym(id) + "\"";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static DeadLetter withRaw(DeadLetter letter, String raw, String reason) {
        return new DeadLetter(letter.source(), letter.partition(), letter.offset(), reason, raw,
                letter.rawEncoding(), letter.ts());
    }
}
