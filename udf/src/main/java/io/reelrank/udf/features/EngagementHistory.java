package io.reelrank.udf.features;

import io.reelrank.udf.contract.Action;
import java.util.Arrays;

/**
 * A user's last engagements (video, action code, event time), newest first: what sequence
 * models read as the user's history. Impressions are not kept. An engagement that arrives out of
 * order is inserted at its event time's place (at equal times the later-applied one first); when
 * full the oldest is dropped, and an engagement older than every kept one is not added, so the
 * history holds the newest {@code capacity} engagements the user has been seen doing.
 */
public class EngagementHistory {
    public String[] videoIds = new String[0];
    /** {@link Action#code()} of each entry. */
    public byte[] actions = new byte[0];
    public long[] eventTs = new long[0];

    public EngagementHistory() {}

    public void add(String videoId, Action action, long ts, int capacity) {
        if (action == Action.IMPRESSION || capacity <= 0) {
            return;
        }
        int size = Math.min(size(), capacity); // a smaller capacity after a restart trims on the next add
        int at = 0;
        while (at < size && eventTs[at] > ts) {
            at++;
        }
        if (at == capacity) {
            return;
        }
        int kept = Math.min(size, capacity - 1);
        String[] ids = new String[kept + 1];
        byte[] codes = new byte[kept + 1];
        long[] times = new long[kept + 1];
        System.arraycopy(videoIds, 0, ids, 0, at);
        System.arraycopy(actions, 0, codes, 0, at);
        System.arraycopy(eventTs, 0, times, 0, at);
        ids[at] = videoId;
        codes[at] = (byte) action.code();
        times[at] = ts;
        System.arraycopy(videoIds, at, ids, at + 1, kept - at);
        System.arraycopy(actions, at, codes, at + 1, kept - at);
        System.arraycopy(eventTs, at, times, at + 1, kept - at);
        videoIds = ids;
        actions = codes;
        eventTs = times;
    }

    public int size() {
        return videoIds.length;
    }

    /** A copy that later adds to this history do not change. */
    public EngagementHistory copy() {
        EngagementHistory copy = new EngagementHistory();
        copy.videoIds = Arrays.copyOf(videoIds, videoIds.length);
        copy.actions = Arrays.copyOf(actions, actions.length);
        copy.eventTs = Arrays.copyOf(eventTs, eventTs.length);
        return copy;
    }
}
