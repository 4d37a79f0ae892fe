package io.reelrank.udf.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.catalog.VideoEntrySerializer;
import io.reelrank.udf.features.UserState;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every serializer snapshot name that savepoints of 0.1 hold still resolves, and the snapshot
 * read under it is accepted by today's serializer as it is (or migrated, for the catalog's
 * pre-0.1 shared layout). The state fixtures restore three of them end to end; this covers the
 * rest.
 */
@SuppressWarnings({"deprecation", "unchecked", "rawtypes"})
class SnapshotNamesOf01Test {

    @Test
    void theUserStateSnapshotsOf01AreReadAsTheCurrentOnes() throws Exception {
        assertCompatibleAsIs(UserProfileSerializer.INSTANCE, "io.reelrank.udf.features.UserProfileSerializer$Snapshot");
        assertCompatibleAsIs(WindowedCountsSerializer.INSTANCE, "io.reelrank.udf.features.WindowedCountsSerializer$Snapshot");
        assertCompatibleAsIs(VideoActivitySerializer.INSTANCE, "io.reelrank.udf.features.VideoActivitySerializer$Snapshot");
    }

    /** 0.1 wrote the user state in layout 1 (no history): its snapshot restores a reader of that layout, and values migrate. */
    @Test
    void theUserStateSnapshotOf01RestoresLayout1AndMigrates() throws Exception {
        DataOutputSerializer saved = new DataOutputSerializer(64);
        saved.writeUTF("io.reelrank.udf.features.UserStateSerializer$Snapshot");
        saved.writeInt(3); // SimpleTypeSerializerSnapshot's version, as 0.1 wrote it
        TypeSerializerSnapshot<UserState> old = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(saved.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(old.restoreSerializer()).isSameAs(UserStateSerializer.LAYOUT_1);
        assertThat(UserStateSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(old)
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void theCatalogSnapshotsOf01AreReadAsTheCurrentOneOrMigrated() throws Exception {
        assertCompatibleAsIs(VideoEntrySerializer.INSTANCE, "io.reelrank.udf.features.VideoEntrySerializer$Snapshot");
        TypeSerializerSnapshot<VideoEntry> shared = (TypeSerializerSnapshot<VideoEntry>)
                Class.forName("io.reelrank.udf.features.SharedValueSerializer$Snapshot").getConstructor().newInstance();
        assertThat(VideoEntrySerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(shared)
                .isCompatibleAfterMigration()).isTrue();
    }

    @Test
    void anUnrelatedSnapshotIsStillRefused() {
        assertThat(UserStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility((TypeSerializerSnapshot) new VideoActivitySerializer.Snapshot())
                .isIncompatible()).isTrue();
    }

    private static <T> void assertCompatibleAsIs(TypeSerializer<T> current, String savedName) throws Exception {
        TypeSerializerSnapshot<T> saved =
                (TypeSerializerSnapshot<T>) Class.forName(savedName).getConstructor().newInstance();
        assertThat(current.snapshotConfiguration().resolveSchemaCompatibility(saved).isCompatibleAsIs())
                .as(savedName).isTrue();
        assertThat(saved.restoreSerializer()).as(savedName).isSameAs(current);
    }
}
