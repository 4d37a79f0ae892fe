package io.reelrank.udf.featurelog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Trigger;
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

class FeatureLogRowsTest {

    @Test
    void oneRowPerScoredCandidateWithItsFeaturesScoreAndModelVersion() {
        ScoringTask task = new ScoringTask("r-9", "u42", Trigger.REFRESH, 1_767_225_601_000L, 10,
                new String[] {"v7", "v8"}, new String[] {"c1", null},
                new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 0L);
        List<FeatureLogRow> rows = new ArrayList<>();
        new FeatureLogRows("spec-hash").flatMap(new ScoredTask(task, new float[] {0.9f, 0.1f}, "ranker/2"),
                new ListCollector<>(rows));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).satisfies(row -> {
            assertThat(row.requestId()).isEqualTo("r-9");
            assertThat(row.userId()).isEqualTo("u42");
            assertThat(row.videoId()).isEqualTo("v7");
            assertThat(row.trigger()).isEqualTo("refresh");
            assertThat(row.eventTs()).isEqualTo(1_767_225_601_000L);
            assertThat(row.modelVersion()).isEqualTo("ranker/2");
            assertThat(row.featureSpecHash()).isEqualTo("spec-hash");
            assertThat(row.score()).isEqualTo(0.9f);
            assertThat(row.features()).containsExactly(1f, 2f, 3f);
        });
        assertThat(rows.get(1).videoId()).isEqualTo("v8");
        assertThat(rows.get(1).score()).isEqualTo(0.1f);
        assertThat(rows.get(1).features()).containsExactly(4f, 5f, 6f);
    }

    @Test
    void jsonLinesUseTheDocumentedSnakeCaseNames() {
        FeatureLogRow row = LabelJoinFunctionTest.row("r1", "u1", "v1", 5L);
        assertThat(Json.toJson(TrainingExample.of(row, null, List.of(Action.SKIP), 0))).isEqualTo(
                "{\"request_id\":\"r1\",\"user_id\":\"u1\",\"video_id\":\"v1\",\"trigger\":\"request\","
                        + "\"event_ts\":5,\"model_version\":\"ranker/3\",\"feature_spec_hash\":\"hash\","
                        + "\"score\":0.25,\"label\":0,\"actions\":[\"skip\"],\"watch_ms\":0,\"features\":[0.5,-1.0,3.0]}");
        assertThat(Json.toJson(TrainingExample.of(row, Action.LIKE, List.of(Action.PLAY, Action.LIKE), 700)))
                .contains("\"label\":1,\"label_action\":\"like\",\"actions\":[\"like\",\"play\"],\"watch_ms\":700,");
    }

    @Test
    void streamAndStateTypesRoundTripWithoutKryo() throws Exception {
        FeatureLogRow row = LabelJoinFunctionTest.row("r1", "u1", "v1", 5L);
        assertThat(roundTrip(row, FeatureLogRow.class)).usingRecursiveComparison().isEqualTo(row);
        TrainingExample positive = TrainingExample.of(row, Action.SHARE, List.of(Action.SHARE, Action.SKIP), 300);
        assertThat(roundTrip(positive, TrainingExample.class)).usingRecursiveComparison().isEqualTo(positive);
        TrainingExample negative = TrainingExample.of(row, null, List.of(), 0);
        assertThat(roundTrip(negative, TrainingExample.class)).usingRecursiveComparison().isEqualTo(negative);
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
