/**
 * What the job knows about videos, on their way to the rankers: the video-stats operator keyed
 * by video ({@link io.reelrank.udf.catalog.VideoStatsFunction}), the updates it and the videos
 * topic broadcast ({@link io.reelrank.udf.catalog.CatalogUpdate}), the broadcast entries and
 * their serializer ({@link io.reelrank.udf.catalog.VideoEntry}), and, per ranker, the derived
 * lookups that are rebuilt after a restore rather than checkpointed ({@link
 * io.reelrank.udf.catalog.RankerCatalog}: candidate index and prepared per-video columns).
 */
package io.reelrank.udf.catalog;
