package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.features.UserFeatures;

/** Computes one raw feature value of a (user, candidate) pair; NaN means "missing". */
@FunctionalInterface
interface FeatureExtractor {
    float extract(UserFeatures user, VideoEntry video, long now);
}
