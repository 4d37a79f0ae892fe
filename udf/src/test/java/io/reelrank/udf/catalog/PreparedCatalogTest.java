package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.rank.FeatureAssembler;
import io.reelrank.udf.rank.FeatureSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressed catalog answers as a {@code HashMap} would, through growth and removals. */
class PreparedCatalogTest {

    private static final FeatureAssembler ASSEMBLER = new FeatureAssembler(FeatureSpec.bundled(), FeatureStateSettings.defaults());

    @Test
    void agreesWithAMapOverRandomUpdatesAndRemovals() {
        SplittableRandom random = new SplittableRandom(3);
        PreparedCatalog catalog = new PreparedCatalog(ASSEMBLER);
        Map<String, VideoEntry> expected = new HashMap<>();
        for (int step = 0; step < 60_000; step++) {
            String id = id(random.nextInt(3_000));
            if (random.nextInt(3) == 0) {
                catalog.update(id, null);
                expected.remove(id);
            } else {
                VideoEntry entry = entry(id, step);
                catalog.update(id, entry);
                expected.put(id, entry);
            }
            if (step % 5_000 == 0) {
                assertAgree(catalog, expected);
            }
        }
        assertAgree(catalog, expected);
        for (String id : List.copyOf(expected.keySet())) {
            catalog.update(id, null);
        }
        assertThat(catalog.size()).isZero();
        assertThat(catalog.get(id(1))).isNull();
    }

    @Test
    void idsThatPackAndIdsThatDoNotStayApart() {
        PreparedCatalog catalog = new PreparedCatalog(ASSEMBLER);
        List<String> ids = List.of("", "v", "v1", "v12345678", "1234567890123456", "12345678901234567",
                "vidéo", "видео-1", "v\u0000", "v\u0000\u0000", "Aa", "BB"); // "Aa" and "BB" share a hash
        for (String id : ids) {
            catalog.update(id, entry(id, 0));
        }
        for (String id : ids) {
            assertThat(catalog.get(new String(id))).as(id).isNotNull();
            assertThat(catalog.get(id).videoId()).isEqualTo(id);
        }
        assertThat(catalog.get("v1234567")).isNull();
        assertThat(catalog.get("1234567890123457")).isNull();
        assertThat(catalog.get("C#")).isNull();
    }

    @Test
    void anEntryWithoutACatalogRecordIsUnknown() {
        PreparedCatalog catalog = new PreparedCatalog(ASSEMBLER);
        catalog.update("v1", new VideoEntry(null, null));
        assertThat(catalog.get("v1")).isNull();
        assertThat(catalog.size()).isZero();
    }

    private static void assertAgree(PreparedCatalog catalog, Map<String, VideoEntry> expected) {
        assertThat(catalog.size()).isEqualTo(expected.size());
        expected.forEach((id, entry) -> assertThat(catalog.get(new String(id)).entry()).as(id).isSameAs(entry));
    }

    /** Short ids, long ones and non-Latin-1 ones, all from the same number space. */
    private static String id(int n) {
        return switch (n % 3) {
            case 0 -> "v" + n;
            case 1 -> "video-with-a-long-id-" + n;
            default -> "вид" + n;
        };
    }

    private static VideoEntry entry(String id, long ts) {
        return new VideoEntry(new Video(id, "c", List.of("t"), 1_000, ts, new float[0], false), null);
    }
}
