package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Catalog entries byte for byte: every checkpoint holds the rankers' catalog in this layout, so
 * these bytes change only with a new snapshot version that still reads them.
 */
class VideoEntryLayoutBytesTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final Video VIDEO = new Video("v1", "c1", List.of("food", "日本語"), 15_000, T0,
            new float[] {0.5f, -0.25f}, false);

    @Test
    void anEntryWithVersionsAhead() throws Exception {
        VideoEntry entry = new VideoEntry(VIDEO, stats("v1", T0, 300_000), new VideoStats[] {
                stats("v1", T0 + 1_000, 2), stats("other", T0 + 2_000, 3)});
        assertBytes(entry,
                "010376310363310205666f6f640ae697a5e69cace8aa9e987580d0eab6b73302"
                + "3f000000be800000000180d0eab6b733030101e0a71203ffffffff07ffffffff"
                + "0f0607f8ffffffffffffffff013f4000000900410b774000000000fbcfeab6b7"
                + "330201e8d7eab6b7330301010203ffffffff07ffffffff0f0607f8ffffffffff"
                + "ffffff013f40000009003ff8000000000000e3d7eab6b73302066f74686572d0"
                + "dfeab6b7330301010303ffffffff07ffffffff0f0607f8ffffffffffffffff01"
                + "3f40000009004002000000000000cbdfeab6b733");
    }

    @Test
    void statsBeforeTheCatalogRecordAndATombstone() throws Exception {
        assertBytes(new VideoEntry(null, stats("v9", T0, 1)),
                "000203763980d0eab6b7330301010103ffffffff07ffffffff0f0607f8ffffff"
                + "ffffffffff013f40000009003fe8000000000000fbcfeab6b73300");
        Video tombstone = new Video("v2", null, List.of(), 0, T0, new float[0], true);
        assertBytes(new VideoEntry(tombstone, null), "0103763200000080d0eab6b73300010000");
        assertBytes(new VideoEntry(tombstone, new VideoStats("v2", T0, null, 0, T0)),
                "0103763200000080d0eab6b73300010180d0eab6b73300000000000000000080"
                + "d0eab6b73300");
    }

    private static VideoStats stats(String id, long asOf, int plays) {
        EngagementCounts counts = new EngagementCounts();
        counts.impressions = 1;
        counts.plays = plays;
        counts.likes = 3;
        counts.comments = Integer.MAX_VALUE;
        counts.shares = -1;
        counts.follows = 6;
        counts.skips = 7;
        counts.watchMs = -8;
        counts.completionSum = 0.75f;
        counts.completionPlays = 9;
        return new VideoStats(id, asOf, new EngagementCounts[] {counts, null}, plays * 0.75, asOf - 5);
    }

    private static void assertBytes(VideoEntry entry, String expectedHex) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        VideoEntrySerializer.INSTANCE.serialize(entry, out);
        assertThat(HexFormat.of().formatHex(out.getCopyOfBuffer())).isEqualTo(expectedHex);
        // Read back and written again, the bytes are the same.
        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(expectedHex));
        DataOutputSerializer again = new DataOutputSerializer(64);
        VideoEntrySerializer.INSTANCE.serialize(VideoEntrySerializer.INSTANCE.deserialize(in), again);
        assertThat(in.available()).isZero();
        assertThat(HexFormat.of().formatHex(again.getCopyOfBuffer())).isEqualTo(expectedHex);
    }
}
