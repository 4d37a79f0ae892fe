package io.reelrank.udf.contract;

/** One ranked video of a recommendation; {@code rank} starts at 1. */
public record RecommendedItem(String videoId, float score, int rank) {}
