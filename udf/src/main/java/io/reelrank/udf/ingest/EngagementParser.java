package io.reelrank.udf.ingest;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;

/**
 * Parses the engagements topic. {@code watch_ms} belongs to plays only: optional there (absent
 * means the client did not report it), and a record of any other action that carries it is
 * rejected rather than trusted.
 */
public final class EngagementParser extends JsonRecordParser<Engagement> {

    private static final long serialVersionUID = 1L;

    @Override
    protected Engagement read(JsonFields fields) {
        String eventId = fields.id("event_id");
        String userId = fields.id("user_id");
        String videoId = fields.id("video_id");
        String actionName = fields.text("action");
        Action action =
                Action.fromWire(actionName)
                        .orElseThrow(() -> new RejectedRecord("unknown action " + JsonFields.quote(actionName)));
        Long watchMs = fields.optionalLong("watch_ms");
        if (watchMs != null && action != Action.PLAY) {
            throw new RejectedRecord("watch_ms is only allowed for play");
        }
        if (watchMs != null && watchMs < 0) {
            throw new RejectedRecord("watch_ms must be >= 0");
        }
        return new Engagement(eventId, userId, videoId, action, watchMs, fields.timestamp("ts"));
    }

    @Override
    public long eventTime(Engagement record) {
        return record.ts();
    }

    @Override
    public String eventTimeField() {
        return "ts";
    }

    @Override
    public Class<Engagement> recordType() {
        return Engagement.class;
    }
}
