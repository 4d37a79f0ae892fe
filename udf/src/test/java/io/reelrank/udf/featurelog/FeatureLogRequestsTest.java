package io.reelrank.udf.featurelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.scoring.RequestHistory;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class FeatureLogRequestsTest {

    private static final long TS = 1_767_225_600_000L;
    private static final long HOUR = 3_600_000L;

    @Test
    void oneLinePerScoredRequestWithTheHistoryTheTaskCarried() {
        RequestHistory history = new RequestHistory(new String[] {"v3", "v1", "v9"},
                new byte[] {(byte) Action.SHARE.code(), (byte) Action.PLAY.code(), (byte) Action.SKIP.code()},
                new long[] {TS + 1000, TS - HOUR / 2, TS - 30 * HOUR});
        ScoringTask task = new ScoringTask("r-9", "u42", Trigger.REQUEST, TS, 10, new String[] {"v7"},
                new String[] {"c1"}, new float[] {1f}, 1, 0L, 0, null, history);
        List<FeatureLogRequest> lines = new ArrayList<>();
        new FeatureLogRequests().flatMap(new ScoredTask(task, new float[] {0.5f}, "ranker/4"), new ListCollector<>(lines));

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.historyVideoIds()).containsExactly("v3", "v1", "v9");
            assertThat(line.historyActions()).containsExactly(5, 2, 7);
            assertThat(line.historyAgeHours()).containsExactly(0f, 0.5f, 30f);
        });
        assertThat(Json.toJson(lines.get(0))).isEqualTo("{\"request_id\":\"r-9\",\"user_id\":\"u42\",\"trigger\":\"request\","
                + "\"event_ts\":1767225600000,\"model_version\":\"ranker/4\",\"history_video_ids\":[\"v3\",\"v1\",\"v9\"],"
                + "\"history_actions\":[5,2,7],\"history_age_hours\":[0.0,0.5,30.0]}");
    }

    @Test
    void aRequestWithoutHistoryLogsEmptyArraysAndRoundTripsWithoutKryo() throws Exception {
        ScoringTask task = new ScoringTask("r-1", "u1", Trigger.COLD_START, TS, 10, new String[0], new String[0],
                new float[0], 3, 0L);
        FeatureLogRequest line = FeatureLogRequests.of(new ScoredTask(task, new float[0], "ranker/1"));
        assertThat(Json.toJson(line)).endsWith("\"history_video_ids\":[],\"history_actions\":[],\"history_age_hours\":[]}");
        assertThat(Json.fromJson(Json.toJson(line), FeatureLogRequest.class)).usingRecursiveComparison().isEqualTo(line);

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<FeatureLogRequest> serializer = TypeInformation.of(FeatureLogRequest.class).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(line, out);
        assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .usingRecursiveComparison().isEqualTo(line);
    }
}
