package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.ingest.RecordOrigin;
import java.util.Comparator;

/**
 * The keyed-by-user input of the ranker: an engagement or a rank request, never both. One
 * stream type because a user's state must see both in one keyed operator.
 *
 * <p>{@code origin} is where an engagement was read from, or null when that is unknown (and for
 * requests): the ranker may still dead-letter an engagement as late, and the dead letter names
 * the record's topic, partition and offset. Added after 0.1; savepoints without it restore with
 * null, as Flink's POJO schema evolution fills a new field.
 */
public record UserInput(Engagement engagement, RankRequest request, RecordOrigin origin) {

    /**
     * Event time, and at one time engagements before requests: a request sees every engagement
     * at or before its time whichever arrived first, so a replay or a recovery answers it the
     * same. Inputs of one kind and time keep their arrival order (one user's engagements come
     * from one partition, in order).
     */
    public static final Comparator<UserInput> EVENT_TIME_ORDER =
            Comparator.comparingLong(UserInput::ts).thenComparing(input -> input.request() != null);

    public static UserInput of(Engagement engagement) {
        return new UserInput(engagement, null, null);
    }

    public static UserInput of(Engagement engagement, RecordOrigin origin) {
        return new UserInput(engagement, null, origin);
    }

    public static UserInput of(RankRequest request) {
        return new UserInput(null, request, null);
    }

    /** The same input without its origin, which is only needed on arrival. */
    public UserInput withoutOrigin() {
        return origin == null ? this : new UserInput(engagement, request, null);
    }

    public String userId() {
        return engagement != null ? engagement.userId() : request.userId();
    }

    public long ts() {
        return engagement != null ? engagement.ts() : request.ts();
    }
}
