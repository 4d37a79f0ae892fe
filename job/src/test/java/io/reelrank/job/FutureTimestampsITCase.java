package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reported 2099 case through the real topology: one valid engagement stamped 2099-12-31
 * among ordinary ones. It is dead-lettered by the parse step with its topic, partition and
 * offset, the ranker's watermark never goes past the ordinary event times, and the engagements
 * after it still reach the user's features.
 *
 * <p>To make "after it" real, the engagements that follow wait at a gate until the ranker's
 * watermark has taken in everything before them (the watermark is emitted periodically, so a
 * bounded input could otherwise be through before any watermark moved). Without the future
 * bound that watermark is 2099 by then, and those engagements are dead-lettered as late.
 */
class FutureTimestampsITCase {

    private static final long T0 = SmallCatalogScenario.T0;
    private static final long MINUTE = SmallCatalogScenario.MINUTE;
    private static final long YEAR_2099 = 4_102_444_796_999L;
    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(2);
    /** The watermark once the engagements before the gate are in (the last at T0 + 5 min). */
    private static final long WATERMARK_BEFORE_GATE = T0 + 5 * MINUTE - OUT_OF_ORDERNESS.toMillis() - 1;
    /** Engagements from this position on wait at the gate. */
    private static final int GATED_FROM = 3;

    /** Static: the gate and the watermark probe run as copies inside the MiniCluster, in this JVM. */
    private static final CountDownLatch WATERMARK_REACHED_GATE = new CountDownLatch(1);
    private static final AtomicLong HIGHEST_RANKER_WATERMARK = new AtomicLong(Long.MIN_VALUE);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(1)
                    .build());

    @Test
    void aFutureEngagementIsDeadLetteredAndLaterEngagementsStillUpdateTheUser() throws Exception {
        Configuration config = config();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1); // one engagement order and one watermark path, as within one Kafka partition
        ReelRankWorkflow.Features features = ReelRankWorkflow.features(inputs(env), JobSettings.from(config));
        DataStream<ScoringTask> tasks = features.scoringTasks()
                .transform("watermark probe", TypeInformation.of(ScoringTask.class), new WatermarkProbe());

        List<ScoringTask> scored = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        try (CloseableIterator<ScoringTask> taskIt = tasks.collectAsync();
             CloseableIterator<DeadLetter> deadIt = features.deadLetters().collectAsync()) {
            JobClient job = env.executeAsync("future-timestamps-itcase");
            CompletableFuture<Void> drainDead = CompletableFuture.runAsync(() -> deadIt.forEachRemaining(deadLetters::add));
            taskIt.forEachRemaining(scored::add);
            drainDead.join();
            job.getJobExecutionResult().get();
        }

        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo(Topics.ENGAGEMENTS);
            assertThat(letter.partition()).isEqualTo(0);
            assertThat(letter.offset()).isEqualTo(101L);
            assertThat(letter.reason()).startsWith("ts " + YEAR_2099 + " is ").contains("ahead of the wall clock");
        });
        assertThat(HIGHEST_RANKER_WATERMARK.get()).as("the ranker's watermark before the end of input")
                .isLessThan(T0 + 24 * 60 * MINUTE);
        ScoringTask after = scored.stream().filter(t -> t.requestId().equals("r-after")).findFirst().orElseThrow();
        assertThat(after.trigger()).isEqualTo(Trigger.REQUEST);
        int plays1h = FeatureSpec.bundled().names().indexOf("user_plays_1h");
        assertThat(after.features()[plays1h]).as("e-1, e-2 and e-3 are counted").isEqualTo((float) Math.log1p(3));
    }

    private static ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        List<RawRecord> videos = List.of(
                video("v1", "c1", 30_000), video("v2", "c2", 60_000));
        List<RawRecord> engagements = List.of(
                play(100, "e-1", "u1", T0 + MINUTE),
                play(101, "e-2099", "u1", YEAR_2099),
                play(102, "e-pace", "u9", T0 + 5 * MINUTE),
                play(103, "e-2", "u1", T0 + 6 * MINUTE),
                play(104, "e-3", "u1", T0 + 7 * MINUTE));
        List<RawRecord> requests = List.of(record(Topics.RANK_REQUESTS, 7, "{\"request_id\":\"r-after\","
                + "\"user_id\":\"u1\",\"candidates\":[\"v2\"],\"ts\":" + (T0 + 10 * MINUTE) + "}"));
        DataStream<RawRecord> gated = env.fromData(engagements, type)
                .map(new Gate()).returns(type).name("gate").disableChaining();
        return new ReelRankWorkflow.Inputs(gated, env.fromData(videos, type), env.fromData(requests, type));
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.setString("pipeline.generic-types", "false");
        config.set(ReelRankOptions.EVENT_TIME_ALIGNED, true);
        config.set(ReelRankOptions.OUT_OF_ORDERNESS, OUT_OF_ORDERNESS);
        // The gate holds the engagements in wall-clock time; the stream must not count as idle meanwhile.
        config.set(ReelRankOptions.IDLENESS, Duration.ofMinutes(10));
        config.set(ReelRankOptions.MODEL_REGISTRY, "../udf/src/test/resources/models/registry");
        return config;
    }

    /** Holds the engagements from {@link #GATED_FROM} on until the ranker's watermark took in the ones before. */
    private static final class Gate extends RichMapFunction<RawRecord, RawRecord> {
        private int seen;

        @Override
        public RawRecord map(RawRecord record) throws Exception {
            if (seen++ == GATED_FROM && !WATERMARK_REACHED_GATE.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the ranker's watermark never reached " + WATERMARK_BEFORE_GATE);
            }
            return record;
        }
    }

    /** Passes the scoring tasks on and notes the ranker's watermark as it arrives with them. */
    private static final class WatermarkProbe extends AbstractStreamOperator<ScoringTask>
            implements OneInputStreamOperator<ScoringTask, ScoringTask> {

        @Override
        public void processElement(StreamRecord<ScoringTask> element) {
            output.collect(element);
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            if (mark.getTimestamp() != Long.MAX_VALUE) {
                HIGHEST_RANKER_WATERMARK.accumulateAndGet(mark.getTimestamp(), Math::max);
            }
            if (mark.getTimestamp() >= WATERMARK_BEFORE_GATE) {
                WATERMARK_REACHED_GATE.countDown();
            }
            super.processWatermark(mark);
        }
    }

    private static RawRecord video(String id, String creator, long durationMs) {
        return record(Topics.VIDEOS, id.hashCode() & 0xff, "{\"video_id\":\"" + id + "\",\"creator_id\":\"" + creator
                + "\",\"tags\":[\"travel\"],\"duration_ms\":" + durationMs + ",\"published_ts\":"
                + SmallCatalogScenario.PUBLISHED + "}");
    }

    private static RawRecord play(long offset, String eventId, String user, long ts) {
        return record(Topics.ENGAGEMENTS, offset, "{\"event_id\":\"" + eventId + "\",\"user_id\":\"" + user
                + "\",\"video_id\":\"v1\",\"action\":\"play\",\"watch_ms\":20000,\"ts\":" + ts + "}");
    }

    private static RawRecord record(String topic, long offset, String json) {
        return new RawRecord(topic, 0, offset, -1L, json.getBytes(StandardCharsets.UTF_8));
    }
}
