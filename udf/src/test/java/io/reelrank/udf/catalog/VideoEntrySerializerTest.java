package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The catalog entries' layout: every field comes back, in every shape an entry takes in a ranker
 * (stats before the catalog record, a tombstone, versions ahead, counts beyond a byte); it is
 * smaller than the POJO serializer's; and the snapshot accepts both earlier catalog serializers.
 */
class VideoEntrySerializerTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final VideoEntrySerializer SERIALIZER = VideoEntrySerializer.INSTANCE;
    private static final Video VIDEO = new Video("v1", "c1", List.of("food", "travel"), 15_000, T0,
            new float[] {0.5f, -0.25f, Float.MIN_VALUE}, false);

    @Test
    void anEntryWithVersionsAheadComesBackField() throws IOException {
        VideoEntry entry = new VideoEntry(VIDEO, stats("v1", T0, 1), new VideoStats[] {
                stats("v1", T0 + 1_000, 2), stats("v1", T0 + 2_000, 300_000)});

        VideoEntry read = roundTrip(entry);

        assertSame(read, entry);
        assertThat(read.newer()[1].windows()[1].plays).as("a count beyond one varint byte").isEqualTo(300_000);
        assertThat(read.newer()[1].windows()[0].watchMs).isEqualTo(-7L);
    }

    @Test
    void statsThatCameBeforeTheCatalogRecordKeepTheirOwnId() throws IOException {
        VideoEntry statsOnly = new VideoEntry(null, stats("v9", T0, 3));
        assertSame(roundTrip(statsOnly), statsOnly);

        // Not the entry's video: written with its own id rather than dropped for the video's.
        VideoEntry foreign = new VideoEntry(VIDEO, stats("other", T0, 1));
        assertThat(roundTrip(foreign).stats().videoId()).isEqualTo("other");
    }

    @Test
    void emptyAndAbsentPartsComeBackAsTheyWere() throws IOException {
        Video tombstone = new Video("v2", null, List.of(), 0, T0, new float[0], true);
        VideoEntry entry = new VideoEntry(tombstone, null);
        VideoEntry read = roundTrip(entry);
        assertSame(read, entry);
        assertThat(read.rankable()).isFalse();

        VideoStats noWindows = new VideoStats("v2", T0, null, 0, T0);
        assertThat(roundTrip(new VideoEntry(tombstone, noWindows)).stats().windows()).isNull();
        VideoStats nullWindow = new VideoStats("v2", T0, new EngagementCounts[] {null, counts(1)}, 0, T0);
        assertThat(roundTrip(new VideoEntry(tombstone, nullWindow)).stats().windows()[0]).isNull();
    }

    @Test
    void tagsAndCreatorsReadBackAreInternedAsTheCatalogParserInternsThem() throws IOException {
        VideoEntry read = roundTrip(new VideoEntry(VIDEO, null));
        assertThat(read.video().creatorId()).isSameAs("c1");
        assertThat(read.video().tags().get(0)).isSameAs("food");
    }

    @Test
    void copiesShareTheEntry() {
        VideoEntry entry = new VideoEntry(VIDEO, stats("v1", T0, 1));
        assertThat(SERIALIZER.isImmutableType()).isTrue();
        assertThat(SERIALIZER.copy(entry)).isSameAs(entry);
        assertThat(SERIALIZER.copy(entry, SERIALIZER.createInstance())).isSameAs(entry);
    }

    @Test
    void anEntryTakesFewerBytesThanThePojoSerializerWrote() throws IOException {
        VideoEntry entry = new VideoEntry(VIDEO, stats("v1", T0, 4), new VideoStats[] {stats("v1", T0 + 1_000, 5)});
        TypeSerializer<VideoEntry> pojo = TypeInformation.of(VideoEntry.class).createSerializer(new SerializerConfigImpl());

        int ours = bytes(SERIALIZER, entry).length;
        int theirs = bytes(pojo, entry).length;

        assertThat(ours).isLessThan(theirs * 3 / 4);
    }

    @Test
    void theSnapshotMigratesCatalogsOfBothEarlierSerializers() {
        TypeSerializer<VideoEntry> pojo = TypeInformation.of(VideoEntry.class).createSerializer(new SerializerConfigImpl());
        TypeSerializerSnapshot<VideoEntry> current = SERIALIZER.snapshotConfiguration();

        assertThat(current.resolveSchemaCompatibility(pojo.snapshotConfiguration()).isCompatibleAfterMigration()).isTrue();
        assertThat(current.resolveSchemaCompatibility(new SharedValueSerializer<>(pojo).snapshotConfiguration())
                .isCompatibleAfterMigration()).isTrue();
        assertThat(current.resolveSchemaCompatibility(SERIALIZER.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }

    @Test
    void anUnknownStatsMarkerIsAnErrorNotAWrongEntry() throws IOException {
        byte[] written = bytes(SERIALIZER, new VideoEntry(null, stats("v1", T0, 1)));
        written[1] = 9; // the byte after the video's presence byte
        assertThatThrownBy(() -> SERIALIZER.deserialize(new DataInputDeserializer(written)))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown stats marker 9");
    }

    private static VideoEntry roundTrip(VideoEntry entry) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes(SERIALIZER, entry));
        VideoEntry read = SERIALIZER.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return read;
    }

    private static byte[] bytes(TypeSerializer<VideoEntry> serializer, VideoEntry entry) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(entry, out);
        return out.getCopyOfBuffer();
    }

    private static VideoStats stats(String id, long asOf, int plays) {
        EngagementCounts last = counts(plays);
        EngagementCounts first = counts(1);
        first.watchMs = -7; // a long that is negative still comes back
        return new VideoStats(id, asOf, new EngagementCounts[] {first, last}, plays * 0.75, asOf - 5);
    }

    private static EngagementCounts counts(int plays) {
        EngagementCounts counts = new EngagementCounts();
        counts.add(Action.IMPRESSION, 0, -1f);
        counts.add(Action.LIKE, 0, -1f);
        counts.add(Action.SKIP, 0, -1f);
        counts.add(Action.PLAY, 40_000, 0.8f);
        counts.plays = plays;
        counts.comments = Integer.MAX_VALUE;
        counts.shares = -1;
        return counts;
    }

    private static void assertSame(VideoEntry read, VideoEntry written) {
        assertThat(read.video()).isEqualTo(written.video());
        assertStats(read.stats(), written.stats());
        assertThat(read.newer()).hasSameSizeAs(written.newer());
        for (int i = 0; i < written.newer().length; i++) {
            assertStats(read.newer()[i], written.newer()[i]);
        }
    }

    private static void assertStats(VideoStats read, VideoStats written) {
        if (written == null) {
            assertThat(read).isNull();
            return;
        }
        assertThat(read.videoId()).isEqualTo(written.videoId());
        assertThat(read.asOfTs()).isEqualTo(written.asOfTs());
        assertThat(read.decayedPlays()).isEqualTo(written.decayedPlays());
        assertThat(read.decayedPlaysAsOfTs()).isEqualTo(written.decayedPlaysAsOfTs());
        assertThat(read.windows()).usingRecursiveFieldByFieldElementComparator().containsExactly(written.windows());
    }
}
