package io.reelrank.udf.features;

import io.reelrank.udf.contract.Action;
import java.io.Serializable;

/**
 * How much one engagement says about a user's interest in a video's tags, creator and
 * embedding. A play counts by how much of the video was watched (half when the duration is
 * unknown); a skip counts against.
 */
public record ActionWeights(float play, float like, float comment, float share, float follow, float skip)
        implements Serializable {

    public static ActionWeights defaults() {
        return new ActionWeights(1f, 3f, 2f, 4f, 3f, -1f);
    }

    /** {@code completion} is the watch fraction in [0, 1], or negative when unknown. */
    public float weightOf(Action action, float completion) {
        return switch (action) {
            case IMPRESSION -> 0f;
            case PLAY -> play * (completion >= 0 ? completion : 0.5f);
            case LIKE -> like;
            case COMMENT -> comment;
            case SHARE -> share;
            case FOLLOW -> follow;
            case SKIP -> skip;
        };
    }
}
