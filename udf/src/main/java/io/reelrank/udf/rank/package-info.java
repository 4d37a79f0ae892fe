/**
 * The ranker keyed by user ({@link io.reelrank.udf.rank.UserRankingFunction}): the user's state
 * ({@link io.reelrank.udf.rank.UserStateStore}), event-time alignment and the late-event rule,
 * the feature spec shared with training ({@link io.reelrank.udf.rank.FeatureSpec}), one feature
 * row per candidate in spec order ({@link io.reelrank.udf.rank.FeatureAssembler}), and, after
 * scoring, the top-N ({@link io.reelrank.udf.rank.TopNFunction}).
 */
package io.reelrank.udf.rank;
