package io.reelrank.udf.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.VideoStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {

    private static VideoEntry entry(String id, int plays) {
        Video video = new Video(id, "c1", List.of("food"), 10_000, 0, new float[] {1f, 0f}, false);
        if (plays == 0) {
            return new VideoEntry(video, null);
        }
        EngagementCounts counts = new EngagementCounts();
        counts.plays = plays;
        return new VideoEntry(video, new VideoStats(id, 0, new EngagementCounts[] {counts, counts}, plays, 0));
    }

    @Test
    void statsUpdatesReorderTrendingButDoNotMakeAVideoNewestInItsTagsAgain() {
        CatalogIndex index = new CatalogIndex(0, 2);
        index.update("v1", entry("v1", 0), true);
        index.update("v2", entry("v2", 0), true);
        index.update("v3", entry("v3", 0), true);
        assertThat(index.candidates(List.of("food"), 10)).containsExactly("v3", "v2");

        index.update("v1", entry("v1", 5), false);

        // Trending takes half the list; the tag's newest keep their catalog order, v1 stays pushed out of them.
        assertThat(index.candidates(List.of("food"), 2)).containsExactly("v1", "v3");
        assertThat(index.candidates(List.of("food"), 10)).containsExactly("v1", "v3", "v2");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void aCatalogRecordWithNewTagsIndexesThem() {
        CatalogIndex index = new CatalogIndex(0, 2);
        index.update("v1", entry("v1", 0), true);
        Video retagged = new Video("v1", "c1", List.of("travel"), 10_000, 0, new float[] {1f, 0f}, false);

        index.update("v1", new VideoEntry(retagged, null), true);

        assertThat(index.candidates(List.of("travel"), 10)).containsExactly("v1");
    }
}
