package io.reelrank.udf.rank;

import io.reelrank.udf.features.VideoEntry;
import java.util.HashMap;
import java.util.Map;

/**
 * The ranker's catalog as candidates read it: every rankable entry of the broadcast catalog with
 * its video-only columns computed ({@link PreparedVideo}). Derived data like {@link CatalogIndex}:
 * rebuilt from broadcast state after a restore, never checkpointed. Entries that cannot be
 * ranked (deleted, or stats without a catalog record) are left out; a lookup's null then says
 * "unknown or deleted" as the broadcast state's would.
 */
final class PreparedCatalog {
    private final FeatureAssembler assembler;
    private final Map<String, PreparedVideo> videos = new HashMap<>();

    PreparedCatalog(FeatureAssembler assembler) {
        this.assembler = assembler;
    }

    void update(String videoId, VideoEntry entry) {
        if (entry == null || entry.video() == null) {
            videos.remove(videoId);
        } else {
            videos.put(videoId, assembler.prepare(entry));
        }
    }

    /** The prepared entry, or null when the catalog has no record of the video. */
    PreparedVideo get(String videoId) {
        return videos.get(videoId);
    }
}
