package io.reelrank.job.kafka;

import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.ingest.RawRecord;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * ReelRank's three input topics as raw-record streams. No watermarks here: event time is
 * assigned after parsing ({@link ReelRankWorkflow}), where the event timestamps are known and
 * bad records are already on their way to the dead-letter topic.
 */
public final class KafkaInputs {
    private KafkaInputs() {}

    public static ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env, KafkaSettings settings) {
        OffsetsInitializer starting = StartingOffsets.parse(settings.startingOffsets());
        return new ReelRankWorkflow.Inputs(
                stream(env, source(settings, settings.engagementsTopic(), starting), "engagements"),
                // The catalog is the whole compacted topic: a fresh start must see every video.
                stream(env, source(settings, settings.videosTopic(), OffsetsInitializer.earliest()), "videos"),
                stream(env, source(settings, settings.rankRequestsTopic(), starting), "rank-requests"));
    }

    /** One topic as raw records; read_committed unless the client properties say otherwise. */
    public static KafkaSource<RawRecord> source(KafkaSettings settings, String topic, OffsetsInitializer starting) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(settings.bootstrapServers())
                .setGroupId(settings.groupId())
                .setTopics(topic)
                .setStartingOffsets(starting)
                .setDeserializer(new RawRecordDeserializer())
                .setClientIdPrefix(settings.groupId() + "-" + topic)
                .setProperties(settings.clientPropertiesOver(Map.of("isolation.level", "read_committed")));
        if (settings.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static DataStream<RawRecord> stream(StreamExecutionEnvironment env, KafkaSource<RawRecord> source,
                                                String name) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: " + name).uid("source-" + name);
    }
}
