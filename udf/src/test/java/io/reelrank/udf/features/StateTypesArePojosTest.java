package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.catalog.CatalogUpdate;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Trigger;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.rank.UserInput;
import io.reelrank.udf.scoring.ScoringTask;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every state and stream type is serialised by Flink's POJO serializer, nested fields included,
 * so the job runs with generic types (Kryo) switched off and its state can evolve.
 */
class StateTypesArePojosTest {

    private static final long T0 = 1_767_225_600_000L;

    @ParameterizedTest
    @ValueSource(classes = {
        UserState.class, UserProfile.class, EngagementHistory.class, WindowedCounts.class, VideoActivity.class, VideoEntry.class, CatalogUpdate.class,
        VideoStats.class, UserInput.class, ScoringTask.class,
        EngagementCounts.class, CountBucket.class, DecayedWeights.class, EmbeddingProfile.class, RecentVideos.class
    })
    void serialisedAsPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
        assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class).isNotInstanceOf(GenericTypeInfo.class);
    }

    /** The check above can fail: a field Flink cannot analyse falls back to Kryo. */
    record Opaque(Object anything) {}

    @Test
    void typeWithAFieldFlinkCannotAnalyseIsRejected() {
        assertThatThrownBy(() -> PojoTestUtils.assertSerializedAsPojoWithoutKryo(Opaque.class))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void learnedUserProfileSurvivesSerialisation() throws Exception {
        FeatureStateSettings settings = FeatureStateSettings.defaults();
        Video video = new Video("v1", "c1", List.of("food", "travel"), 10_000, T0, new float[] {0.5f, -1f}, false);
        UserProfile profile = new UserProfile();
        profile.learn(Action.LIKE, T0, "v1", video, -1f, settings);
        profile.learn(Action.PLAY, T0 + 1000, "v2", null, -1f, settings);

        UserProfile copy = roundTrip(profile, UserProfile.class);

        assertThat(copy).usingRecursiveComparison().isEqualTo(profile);
        assertThat(copy.tags.keys).containsExactly("food", "travel");
        assertThat(copy.recent.contains("v2")).isTrue();
    }

    @Test
    void windowedCountsSurviveSerialisation() throws Exception {
        WindowedCounts counts = new WindowedCounts();
        counts.add(FeatureStateSettings.defaults().windows(), T0, Long.MIN_VALUE, Action.PLAY, 5000, 0.5f, e -> {});

        WindowedCounts copy = roundTrip(counts, WindowedCounts.class);

        assertThat(copy).usingRecursiveComparison().isEqualTo(counts);
        assertThat(copy.buckets).hasSize(2);
    }

    @Test
    void streamRecordsSurviveSerialisation() throws Exception {
        EngagementCounts counts = new EngagementCounts();
        counts.add(Action.PLAY, 3000, 0.3f);
        VideoStats stats = new VideoStats("v1", T0, new EngagementCounts[] {counts, counts.copy()}, 2.5, T0 - 1);
        UserInput input = UserInput.of(new Engagement("e1", "u1", "v1", Action.PLAY, 3000L, T0));
        ScoringTask task = new ScoringTask("r1", "u1", Trigger.REQUEST, T0, 10, new String[] {"v1"},
                new String[] {"c1"}, new float[] {1f, 2f}, 2, T0 + 5);

        assertThat(roundTrip(CatalogUpdate.of(stats), CatalogUpdate.class)).usingRecursiveComparison()
                .isEqualTo(CatalogUpdate.of(stats));
        assertThat(roundTrip(input, UserInput.class)).isEqualTo(input);
        assertThat(roundTrip(task, ScoringTask.class)).usingRecursiveComparison().isEqualTo(task);
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
