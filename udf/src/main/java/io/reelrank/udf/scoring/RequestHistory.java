package io.reelrank.udf.scoring;

import java.util.Arrays;

/**
 * The requesting user's last engagements as the ranker read them from state at the request,
 * newest first: what a sequence model's {@code history_*} inputs are built from. {@code
 * actions[i]} is the {@code Action.code()} of engagement {@code i}, {@code eventTs[i]} its event
 * time. It holds at most what the job keeps per user ({@code reelrank.features.history-length});
 * a model reading fewer takes the newest ones.
 */
public record RequestHistory(String[] videoIds, byte[] actions, long[] eventTs) {

    public static final RequestHistory EMPTY = new RequestHistory(new String[0], new byte[0], new long[0]);
    private static final double MS_PER_HOUR = 3_600_000.0;

    public RequestHistory {
        if (videoIds == null || actions == null || eventTs == null
                || actions.length != videoIds.length || eventTs.length != videoIds.length) {
            throw new IllegalArgumentException("history arrays must be non-null and of one length: "
                    + (videoIds == null ? null : videoIds.length) + " ids, "
                    + (actions == null ? null : actions.length) + " actions, "
                    + (eventTs == null ? null : eventTs.length) + " times");
        }
    }

    public int size() {
        return videoIds.length;
    }

    /**
     * The model input {@code history_age_hours} of entry {@code i} for a request at {@code
     * requestTs}: hours between the two event times, 0 when the engagement is not older. Computed
     * in double and rounded once to float, so the training side can reproduce it exactly.
     */
    public float ageHours(int i, long requestTs) {
        return (float) (Math.max(0L, requestTs - eventTs[i]) / MS_PER_HOUR);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequestHistory that && Arrays.equals(videoIds, that.videoIds)
                && Arrays.equals(actions, that.actions) && Arrays.equals(eventTs, that.eventTs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(videoIds) + Arrays.hashCode(actions)) + Arrays.hashCode(eventTs);
    }

    @Override
    public String toString() {
        return "RequestHistory" + Arrays.toString(videoIds);
    }
}
