package io.reelrank.generator;

import io.reelrank.udf.contract.Action;

/**
 * What a user did when shown a video: skipped it, or played {@code watchFraction} of it ({@code
 * watchMs} milliseconds) and maybe also liked, commented, shared or followed the creator. A
 * skipped video has no watch time and no other action.
 */
public record Response(
        boolean played,
        double watchFraction,
        long watchMs,
        boolean liked,
        boolean commented,
        boolean shared,
        boolean followed) {

    public static Response skip() {
        return new Response(false, 0.0, 0L, false, false, false, false);
    }

    /**
     * The one action an engagement stream with one record per view reports: follow, then share,
     * comment, like, play, skip - the rarer an action, the more it says about the user.
     */
    public Action mostSignificantAction() {
        if (!played) {
            return Action.SKIP;
        } else if (followed) {
            return Action.FOLLOW;
        } else if (shared) {
            return Action.SHARE;
        } else if (commented) {
            return Action.COMMENT;
        } else if (liked) {
            return Action.LIKE;
        }
        return Action.PLAY;
    }
}
