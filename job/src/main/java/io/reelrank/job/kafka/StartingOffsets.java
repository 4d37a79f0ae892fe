package io.reelrank.job.kafka;

import io.reelrank.job.ReelRankOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** {@code reelrank.kafka.starting-offsets}: committed, earliest, latest or timestamp:<epoch ms>. */
final class StartingOffsets {
    private static final String TIMESTAMP = "timestamp:";

    private StartingOffsets() {}

    @SuppressWarnings("deprecation") // the connector's committedOffsets still takes the 3.x enum
    static OffsetsInitializer parse(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("committed")) {
            return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        } else if (v.equalsIgnoreCase("earliest")) {
            return OffsetsInitializer.earliest();
        } else if (v.equalsIgnoreCase("latest")) {
            return OffsetsInitializer.latest();
        } else if (v.regionMatches(true, 0, TIMESTAMP, 0, TIMESTAMP.length())) {
            try {
                return OffsetsInitializer.timestamp(Long.parseLong(v.substring(TIMESTAMP.length()).trim()));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException(ReelRankOptions.KAFKA_STARTING_OFFSETS.key() + " is '" + value
                + "'; use committed, earliest, latest or timestamp:<epoch millis>");
    }
}
