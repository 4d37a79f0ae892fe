package io.reelrank.udf.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.features.CountBucket;
import io.reelrank.udf.features.EngagementHistory;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.UserState;
import io.reelrank.udf.features.VideoActivity;
import io.reelrank.udf.features.WindowedCounts;
import java.util.HexFormat;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The per-user and per-video state values byte for byte: what is in savepoints and RocksDB must
 * read back, so these bytes change only with a new snapshot version that still reads them.
 */
class StateLayoutBytesTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void userStateLayout1WritesUtf8Strings() throws Exception {
        assertBytes(UserStateSerializer.LAYOUT_1, new UserState(profile(), counts()),
                "01010000000205666f6f640ae697a5e69cace8aa9e000000023fc00000be8000"
                + "000000019b76daa800010000000103633100000001400000000000019b76daa7"
                + "ff01000000023f000000bf800000404000000000019b76daa801010000000503"
                + "763100010c766964c3a96f2df09f98808301"
                + "78".repeat(130)
                + "0000000200000000000000070000019b76daa802010000000301000000010000"
                + "019b76daa8000100000001000493e0000000037fffffffffffffff0000000600"
                + "000007fffffffffffffff83f40000000000009000100000002ffffffffffffff"
                + "ff00");
        assertBytes(UserStateSerializer.LAYOUT_1, new UserState(null, null), "0000");
    }

    /** Layout 2 is layout 1 followed by the history: id, action code, zigzag varlong time differences. */
    @Test
    void userStateLayout2AppendsTheHistory() throws Exception {
        EngagementHistory history = new EngagementHistory();
        history.add("v1", Action.PLAY, T0, 3);
        history.add("vidé", Action.LIKE, T0 + 70_000, 3);
        history.add("v2", Action.SKIP, T0 + 70_000, 3);
        history.add(null, Action.SHARE, T0 - 1, 4);
        assertBytes(UserStateSerializer.INSTANCE, new UserState(null, null, history),
                "0000" // no profile, no counts
                + "01" + "04" // history of four
                + "03" + "7632" + "07" + "dfe5ddedee66" // v2, skip, 0 - (T0 + 70,000) zigzagged
                + "06" + "766964c3a9" + "03" + "00" // vidé, like, same time
                + "03" + "7631" + "02" + "e0c508" // v1, play, 70,000 ms older (140,000 zigzagged)
                + "00" + "05" + "02"); // null id, share, 1 ms older
        assertBytes(UserStateSerializer.INSTANCE, new UserState(null, null, new EngagementHistory()), "00000100");
        assertBytes(UserStateSerializer.INSTANCE, new UserState(null, null, null), "000000");
    }

    @Test
    void userProfileOfOlderSavepointsWritesStringValueStrings() throws Exception {
        assertBytes(UserProfileSerializer.INSTANCE, profile(),
                "010000000205666f6f6404e5cb01acce019e9502000000023fc00000be800000"
                + "0000019b76daa800010000000103633100000001400000000000019b76daa7ff"
                + "01000000023f000000bf800000404000000000019b76daa80101000000050376"
                + "31000109766964e9016f2dbdb00380bc038301"
                + "78".repeat(130)
                + "0000000200000000000000070000019b76daa802");
        UserProfile holes = new UserProfile();
        holes.tags = null;
        holes.creators.keys = null;
        holes.creators.weights = null;
        holes.embedding = null;
        holes.recent.ring = null;
        assertBytes(UserProfileSerializer.INSTANCE, holes,
                "0001ffffffffffffffff80000000000000000001ffffffff0000000000000000"
                + "000000008000000000000000");
    }

    @Test
    void windowedCounts() throws Exception {
        assertBytes(WindowedCountsSerializer.INSTANCE, counts(),
                "0000000301000000010000019b76daa8000100000001000493e0000000037fff"
                + "ffffffffffff0000000600000007fffffffffffffff83f400000000000090001"
                + "00000002ffffffffffffffff00");
        WindowedCounts none = new WindowedCounts();
        none.buckets = null;
        assertBytes(WindowedCountsSerializer.INSTANCE, none, "ffffffff");
    }

    @Test
    void videoActivity() throws Exception {
        VideoActivity activity = new VideoActivity();
        activity.counts = counts();
        activity.durationMs = 15_000;
        activity.changed = true;
        activity.decayedPlays = 1.5;
        activity.decayedPlaysAsOfTs = T0;
        assertBytes(VideoActivitySerializer.INSTANCE, activity,
                "010000000301000000010000019b76daa8000100000001000493e0000000037f"
                + "ffffffffffffff0000000600000007fffffffffffffff83f4000000000000900"
                + "0100000002ffffffffffffffff000000000000003a98013ff800000000000000"
                + "00019b76daa800");
        VideoActivity empty = new VideoActivity();
        empty.counts = null;
        assertBytes(VideoActivitySerializer.INSTANCE, empty, "0000000000000000000000000000000000000000000000000000");
    }

    /** Strings of every kind the codec tells apart: null, empty, non-ASCII, a length past one varint byte. */
    private static UserProfile profile() {
        UserProfile profile = new UserProfile();
        profile.tags.keys = new String[] {"food", "日本語"};
        profile.tags.weights = new float[] {1.5f, -0.25f};
        profile.tags.asOfTs = T0;
        profile.creators.keys = new String[] {"c1"};
        profile.creators.weights = new float[] {2f};
        profile.creators.asOfTs = T0 - 1;
        profile.embedding.sum = new float[] {0.5f, -1f};
        profile.embedding.totalWeight = 3f;
        profile.embedding.asOfTs = T0 + 1;
        profile.recent.ring = new String[] {"v1", null, "", "vidéo-😀", "x".repeat(130)};
        profile.recent.next = 2;
        profile.engagements = 7;
        profile.lastEventTs = T0 + 2;
        return profile;
    }

    private static WindowedCounts counts() {
        WindowedCounts counts = new WindowedCounts();
        EngagementCounts full = new EngagementCounts();
        full.impressions = 1;
        full.plays = 300_000;
        full.likes = 3;
        full.comments = Integer.MAX_VALUE;
        full.shares = -1;
        full.follows = 6;
        full.skips = 7;
        full.watchMs = -8;
        full.completionSum = 0.75f;
        full.completionPlays = 9;
        CountBucket filled = new CountBucket(1, T0);
        filled.counts = full;
        CountBucket empty = new CountBucket(2, -1);
        empty.counts = null;
        counts.buckets = new CountBucket[] {filled, null, empty};
        return counts;
    }

    private static <T> void assertBytes(TypeSerializer<T> serializer, T value, String expectedHex) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        String written = HexFormat.of().formatHex(out.getCopyOfBuffer());
        assertThat(written).isEqualTo(expectedHex);
        // Read back and written again, the bytes are the same.
        DataInputDeserializer in = new DataInputDeserializer(HexFormat.of().parseHex(expectedHex));
        DataOutputSerializer again = new DataOutputSerializer(64);
        serializer.serialize(serializer.deserialize(in), again);
        assertThat(in.available()).isZero();
        assertThat(HexFormat.of().formatHex(again.getCopyOfBuffer())).isEqualTo(expectedHex);
    }
}
