package io.reelrank.generator;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The engagements contract read strictly, nothing lenient: valid UTF-8, JSON that maps onto
 * {@link Engagement}, every id and the action present, a positive time, and {@code watch_ms}
 * on a play (not negative) and on no other action.
 */
final class StrictEngagements {

    private StrictEngagements() {}

    static Optional<Engagement> parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        Engagement engagement;
        try {
            engagement = Json.MAPPER.readValue(text, Engagement.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean valid = engagement.eventId() != null
                && engagement.userId() != null
                && engagement.videoId() != null
                && engagement.action() != null
                && engagement.ts() > 0
                && (engagement.action() == Action.PLAY
                        ? engagement.watchMs() != null && engagement.watchMs() >= 0
                        : engagement.watchMs() == null);
        return valid ? Optional.of(engagement) : Optional.empty();
    }
}
