package io.reelrank.udf.catalog;

import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.VideoStats;

/**
 * The feature columns that depend on a video and one version of its stats alone, which the
 * {@link PreparedCatalog} computes once per version instead of once per candidate. The ranker's
 * feature assembly implements it, so the catalog needs no knowledge of the feature spec.
 */
@FunctionalInterface
public interface VideoColumns {

    /** The video-only columns of {@code video} with stats version {@code stats} (null: none yet). */
    float[] of(Video video, VideoStats stats);
}
