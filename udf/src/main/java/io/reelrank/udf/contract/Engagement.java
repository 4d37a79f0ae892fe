package io.reelrank.udf.contract;

/**
 * One user engagement (topic {@code engagements}, key user_id). {@code watchMs} is set for
 * {@link Action#PLAY} only; {@code ts} is the event time in epoch milliseconds.
 */
public record Engagement(
        String eventId, String userId, String videoId, Action action, Long watchMs, long ts) {

    public long watchMsOrZero() {
        return watchMs == null ? 0L : watchMs;
    }
}
