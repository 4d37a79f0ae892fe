package io.reelrank.udf.state;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.CountBucket;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.VideoActivity;
import io.reelrank.udf.features.WindowedCounts;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written serializers of the user state: every field survives a round trip and a copy
 * (null and empty parts included), copies share nothing mutable, the snapshot restores the
 * serializer, and a POJO snapshot from an older savepoint migrates.
 */
class UserStateSerializersTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();

    @Test
    void learnedProfileRoundTrips() throws Exception {
        UserProfile profile = learnedProfile();
        UserProfile back = roundTrip(UserProfileSerializer.INSTANCE, profile);
        assertThat(back).usingRecursiveComparison().isEqualTo(profile);
        assertThat(back.tags.keys).containsExactlyInAnyOrder("food", "travel");
        assertThat(back.embedding.sum).hasSize(2);
        assertThat(back.recent.ring).containsExactly("v1", "v2");
    }

    @Test
    void emptyAndNullPartsRoundTrip() throws Exception {
        assertThat(roundTrip(UserProfileSerializer.INSTANCE, new UserProfile()))
                .usingRecursiveComparison().isEqualTo(new UserProfile());
        UserProfile holes = new UserProfile();
        holes.tags = null;
        holes.creators.keys = null;
        holes.creators.weights = null;
        holes.embedding.sum = null;
        holes.recent.ring = new String[] {"v1", null};
        holes.recent.next = 1;
        holes.engagements = Long.MAX_VALUE;
        holes.lastEventTs = Long.MIN_VALUE;
        assertThat(roundTrip(UserProfileSerializer.INSTANCE, holes)).usingRecursiveComparison().isEqualTo(holes);
        UserProfile nothing = new UserProfile();
        nothing.creators = null;
        nothing.embedding = null;
        nothing.recent = null;
        assertThat(roundTrip(UserProfileSerializer.INSTANCE, nothing)).usingRecursiveComparison().isEqualTo(nothing);
    }

    @Test
    void windowedCountsRoundTrip() throws Exception {
        WindowedCounts counts = new WindowedCounts();
        counts.add(SETTINGS.windows(), T0, Long.MIN_VALUE, Action.PLAY, 8300, 0.5f, expiry -> {});
        counts.add(SETTINGS.windows(), T0 + 3_600_000, Long.MIN_VALUE, Action.LIKE, 0, -1f, expiry -> {});
        assertThat(counts.buckets).hasSizeGreaterThan(2);
        assertThat(roundTrip(WindowedCountsSerializer.INSTANCE, counts)).usingRecursiveComparison().isEqualTo(counts);

        WindowedCounts holes = new WindowedCounts();
        holes.buckets = new CountBucket[] {null, new CountBucket(2, T0), new CountBucket(1, -1)};
        holes.buckets[2].counts = null;
        assertThat(roundTrip(WindowedCountsSerializer.INSTANCE, holes)).usingRecursiveComparison().isEqualTo(holes);
        assertThat(roundTrip(WindowedCountsSerializer.INSTANCE, new WindowedCounts()).buckets).isEmpty();
        WindowedCounts none = new WindowedCounts();
        none.buckets = null;
        assertThat(roundTrip(WindowedCountsSerializer.INSTANCE, none).buckets).isNull();
    }

    @Test
    void userStateRoundTripsWithUtf8Strings() throws Exception {
        WindowedCounts counts = new WindowedCounts();
        counts.add(SETTINGS.windows(), T0, Long.MIN_VALUE, Action.PLAY, 8300, 0.5f, expiry -> {});
        UserState state = new UserState(learnedProfile(), counts);
        UserState back = roundTrip(UserStateSerializer.INSTANCE, state);
        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.profile.tags.keys).containsExactlyInAnyOrder("food", "travel");

        UserProfile unusual = new UserProfile();
        unusual.recent.ring = new String[] {"vidéo-é-😀", "", null, "v".repeat(300), "v-after-a-long-one",
            "w".repeat(126), "x".repeat(127), "y".repeat(128), "z".repeat(20_000)};
        unusual.tags.keys = new String[] {"日本語"};
        unusual.tags.weights = new float[] {1f};
        UserState odd = new UserState(unusual, null);
        assertThat(roundTrip(UserStateSerializer.INSTANCE, odd)).usingRecursiveComparison().isEqualTo(odd);
        assertThat(roundTrip(UserStateSerializer.INSTANCE, new UserState(null, new WindowedCounts())))
                .usingRecursiveComparison().isEqualTo(new UserState(null, new WindowedCounts()));

        UserState copy = UserStateSerializer.INSTANCE.copy(state);
        copy.profile.learn(Action.SHARE, T0 + 5000, "v3", video("v3", "c9", List.of("music")), -1f, SETTINGS);
        copy.counts.buckets[0].counts.plays++;
        assertThat(state.profile.tags.keys).doesNotContain("music");
        assertThat(state.counts.buckets[0].counts.plays).isEqualTo(1);
    }

    @Test
    void copiesAreDeep() {
        UserProfile profile = learnedProfile();
        UserProfile copy = UserProfileSerializer.INSTANCE.copy(profile);
        assertThat(copy).usingRecursiveComparison().isEqualTo(profile);
        copy.learn(Action.SHARE, T0 + 5000, "v3", video("v3", "c9", List.of("music")), -1f, SETTINGS);
        assertThat(profile.tags.keys).doesNotContain("music");
        assertThat(profile.recent.ring).doesNotContain("v3");

        WindowedCounts counts = new WindowedCounts();
        counts.add(SETTINGS.windows(), T0, Long.MIN_VALUE, Action.PLAY, 100, 0.1f, expiry -> {});
        WindowedCounts countsCopy = WindowedCountsSerializer.INSTANCE.copy(counts);
        countsCopy.add(SETTINGS.windows(), T0, Long.MIN_VALUE, Action.PLAY, 100, 0.1f, expiry -> {});
        assertThat(counts.buckets[0].counts.plays).isEqualTo(1);
        assertThat(countsCopy.buckets[0].counts.plays).isEqualTo(2);
    }

    @Test
    void snapshotsRestoreTheSerializerAndMigrateFromPojo() {
        assertSnapshot(UserProfileSerializer.INSTANCE, UserProfile.class);
        assertSnapshot(WindowedCountsSerializer.INSTANCE, WindowedCounts.class);
        assertSnapshot(UserStateSerializer.INSTANCE, UserState.class);
    }

    private static <T> void assertSnapshot(TypeSerializer<T> serializer, Class<T> type) {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isSameAs(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(snapshot).isCompatibleAsIs()).isTrue();
        TypeSerializerSnapshot<T> pojo =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl()).snapshotConfiguration();
        assertThat(snapshot.resolveSchemaCompatibility(pojo).isCompatibleAfterMigration()).isTrue();
        assertThat(pojo.resolveSchemaCompatibility(snapshot).isIncompatible()).isTrue();
    }

    private static UserProfile learnedProfile() {
        UserProfile profile = new UserProfile();
        profile.learn(Action.LIKE, T0, "v1", video("v1", "c1", List.of("food", "travel")), -1f, SETTINGS);
        profile.learn(Action.PLAY, T0 + 1000, "v2", null, -1f, SETTINGS);
        profile.learn(Action.SKIP, T0 + 2000, "v1", video("v1", "c1", List.of("food", "travel")), -1f, SETTINGS);
        return profile;
    }

    private static Video video(String id, String creator, List<String> tags) {
        return new Video(id, creator, tags, 10_000, T0, new float[] {0.5f, -1f}, false);
    }

    @Test
    void videoActivityRoundTripsAndCopiesShareNothing() throws Exception {
        VideoActivity activity = new VideoActivity();
        activity.counts.add(SETTINGS.windows(), T0, Long.MIN_VALUE, Action.PLAY, 8300, 0.5f, expiry -> {});
        activity.counts.add(SETTINGS.windows(), T0 + 1000, Long.MIN_VALUE, Action.SKIP, 0, -1f, expiry -> {});
        activity.durationMs = 15_000;
        activity.changed = true;
        activity.addDecayedPlay(T0, 30L * 24 * 3_600_000);
        VideoActivity back = roundTrip(VideoActivitySerializer.INSTANCE, activity);
        assertThat(back).usingRecursiveComparison().isEqualTo(activity);
        assertThat(back.counts.buckets).isNotEmpty();
        assertThat(back.decayedPlays).isEqualTo(1.0);

        VideoActivity copy = VideoActivitySerializer.INSTANCE.copy(activity);
        copy.counts.buckets[0].counts.plays++;
        assertThat(activity.counts.buckets[0].counts.plays).as("the original after changing its copy").isEqualTo(1);

        VideoActivity holes = new VideoActivity();
        holes.counts = null;
        assertThat(roundTrip(VideoActivitySerializer.INSTANCE, holes)).usingRecursiveComparison().isEqualTo(holes);
        assertThat(roundTrip(VideoActivitySerializer.INSTANCE, new VideoActivity()))
                .usingRecursiveComparison().isEqualTo(new VideoActivity());
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).as("bytes left over").isZero();
        // Flink's copy between views must give the same bytes.
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        assertThat(serializer.copy(value)).usingRecursiveComparison().isEqualTo(value);
        return back;
    }
}
