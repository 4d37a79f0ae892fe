/**
 * The feature math, free of Flink state: time-bucketed windowed counts ({@link
 * io.reelrank.udf.features.WindowedCounts}), decayed weights and profiles ({@link
 * io.reelrank.udf.features.UserProfile}), the stored user value ({@link
 * io.reelrank.udf.features.UserState}) and what a request reads of it ({@link
 * io.reelrank.udf.features.UserFeatures}), and per-video stats ({@link
 * io.reelrank.udf.features.VideoStats}). {@code state} writes these values to bytes; the
 * operators in {@code catalog} and {@code rank} keep them in Flink state.
 *
 * <p>The deprecated classes named {@code *Serializer} here are not serializers: savepoints of
 * ReelRank 0.1 recorded serializer snapshots under these names, and Flink resolves snapshot
 * classes by name, so each keeps one nested {@code Snapshot} that reads as its successor in
 * {@code state} or {@code catalog}. They are the only reason this package refers to those.
 */
package io.reelrank.udf.features;
