/**
 * How state values are written to bytes: the hand-written serializers of the user state and
 * the video-stats operator's activity ({@link io.reelrank.udf.state.StateValueSerializer} and its
 * subclasses), the codec and per-type layouts they share ({@link io.reelrank.udf.state.StateCodec}),
 * and the migrations that read older layouts ({@link io.reelrank.udf.state.LegacyUserState}).
 * A layout change needs a new snapshot version that still reads the old bytes; golden-byte tests
 * pin every layout.
 */
package io.reelrank.udf.state;
