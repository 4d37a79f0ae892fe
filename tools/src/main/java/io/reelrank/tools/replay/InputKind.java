package io.reelrank.tools.replay;

import io.reelrank.udf.contract.Topics;
import java.util.Set;

/**
 * The three input topics as the replay tool sees them: which field is the Kafka key, which is
 * the event time it orders by, and how CSV columns turn into the contract's JSON types.
 */
enum InputKind {
    VIDEOS(Topics.VIDEOS, "video_id", "published_ts",
            Set.of("tags", "embedding"), Set.of("duration_ms", "published_ts")),
    ENGAGEMENTS(Topics.ENGAGEMENTS, "user_id", "ts",
            Set.of(), Set.of("watch_ms", "ts")),
    RANK_REQUESTS(Topics.RANK_REQUESTS, "user_id", "ts",
            Set.of("candidates"), Set.of("n", "ts"));

    /** Separator of list cells in CSV ({@code food|travel}); commas already separate columns. */
    static final String LIST_SEPARATOR = "\\|";

    final String defaultTopic;
    final String keyField;
    final String timeField;
    final Set<String> listColumns;
    final Set<String> integerColumns;

    InputKind(String defaultTopic, String keyField, String timeField, Set<String> listColumns,
              Set<String> integerColumns) {
        this.defaultTopic = defaultTopic;
        this.keyField = keyField;
        this.timeField = timeField;
        this.listColumns = listColumns;
        this.integerColumns = integerColumns;
    }
}
