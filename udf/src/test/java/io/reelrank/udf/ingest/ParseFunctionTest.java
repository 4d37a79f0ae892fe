package io.reelrank.udf.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.types.PojoTestUtils;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ParseFunctionTest {

    private static final String PLAY =
            "{\"event_id\":\"e-1\",\"user_id\":\"u42\",\"video_id\":\"v7\",\"action\":\"play\",\"watch_ms\":8300,"
                    + "\"ts\":1767225600000}";
    private static final String NEGATIVE_WATCH = PLAY.replace("8300", "-1");

    @Test
    void emitsParsedRecordsWithTheirTimestamp() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, Engagement> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(ParseFunction.engagements())) {
            harness.processElement(new RawRecord("engagements", 0, 5L, 1767225600007L, utf8(PLAY)), 1767225600007L);

            assertThat(harness.getOutput())
                    .containsExactly(new StreamRecord<>(
                            new Engagement("e-1", "u42", "v7", Action.PLAY, 8300L, 1767225600000L), 1767225600007L));
            assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
        }
    }

    @Test
    void sendsRejectedRecordsToTheDeadLetters() throws Exception {
        try (OneInputStreamOperatorTestHarness<RawRecord, Engagement> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(ParseFunction.engagements())) {
            harness.setProcessingTime(1767225609999L);
            harness.processElement(
                    new RawRecord("engagements", 2, 1234L, 1767225600007L, utf8(NEGATIVE_WATCH)), 1767225600007L);
            harness.processElement(RawRecord.of("replay", 17, utf8("[]")), 1767225600008L);

            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.getSideOutput(DeadLetters.TAG))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(
                            new DeadLetter("engagements", 2, 1234L, "watch_ms must be >= 0", NEGATIVE_WATCH,
                                    DeadLetter.UTF8, 1767225600007L),
                            new DeadLetter("replay", -1, 17L, "not a JSON object", "[]", DeadLetter.UTF8,
                                    1767225609999L));
        }
    }

    @Test
    void countsEveryRecordUnderItsSource() throws Exception {
        Map<String, Counter> counters = new HashMap<>();
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setRegisterConsumer((metric, name, group) -> {
                            if (metric instanceof Counter counter
                                    && "engagements".equals(group.getAllVariables().get("<source>"))) {
                                counters.put(name, counter);
                            }
                        })
                        .build();
        TaskMetricGroup taskMetrics =
                TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                        .addJob(new JobID(), "reelrank")
                        .addTask(ExecutionAttemptID.randomId(), "parse");
        MockEnvironment environment = new MockEnvironmentBuilder().setMetricGroup(taskMetrics).build();

        try (OneInputStreamOperatorTestHarness<RawRecord, Engagement> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(ParseFunction.engagements()), environment)) {
            harness.open();
            for (String record : List.of(PLAY, NEGATIVE_WATCH, PLAY, "{", PLAY)) {
                harness.processElement(RawRecord.of("engagements", 0, utf8(record)), 0L);
            }
        }

        assertThat(counters).containsOnlyKeys("recordsIn", "recordsParsed", "recordsDeadLettered");
        assertThat(counters.get("recordsIn").getCount()).isEqualTo(5);
        assertThat(counters.get("recordsParsed").getCount()).isEqualTo(3);
        assertThat(counters.get("recordsDeadLettered").getCount()).isEqualTo(2);
    }

    @Test
    void producesPojoTypesSoKryoIsNeverNeeded() {
        assertThat(ParseFunction.engagements().getProducedType()).isInstanceOf(PojoTypeInfo.class);
        assertThat(ParseFunction.videos().getProducedType()).isInstanceOf(PojoTypeInfo.class);
        assertThat(ParseFunction.rankRequests().getProducedType()).isInstanceOf(PojoTypeInfo.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Engagement.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Video.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RankRequest.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }

    @Test
    void survivesJavaSerialisationAsFlinkShipsIt() throws Exception {
        ParseFunction<Video> copy = InstantiationUtil.clone(ParseFunction.videos());
        try (OneInputStreamOperatorTestHarness<RawRecord, Video> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(copy)) {
            harness.processElement(RawRecord.of("videos", 0,
                    utf8("{\"video_id\":\"v7\",\"published_ts\":1767225000000,\"deleted\":true}")), 0L);
            assertThat(harness.extractOutputValues())
                    .containsExactly(new Video("v7", null, List.of(), 0L, 1767225000000L, null, true));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
