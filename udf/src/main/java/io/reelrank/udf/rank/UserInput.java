package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;

/**
 * The keyed-by-user input of the ranker: an engagement or a rank request, never both. One
 * stream type because a user's state must see both in one keyed operator.
 */
public record UserInput(Engagement engagement, RankRequest request) {

    public static UserInput of(Engagement engagement) {
        return new UserInput(engagement, null);
    }

    public static UserInput of(RankRequest request) {
        return new UserInput(null, request);
    }

    public String userId() {
        return engagement != null ? engagement.userId() : request.userId();
    }

    public long ts() {
        return engagement != null ? engagement.ts() : request.ts();
    }
}
