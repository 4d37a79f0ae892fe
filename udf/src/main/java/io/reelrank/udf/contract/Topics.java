package io.reelrank.udf.contract;

/** Default names of ReelRank's topics; they double as the source names on dead letters. */
public final class Topics {
    public static final String ENGAGEMENTS = "engagements";
    public static final String VIDEOS = "videos";
    public static final String RANK_REQUESTS = "rank-requests";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String DEAD_LETTERS = "dead-letters";

    private Topics() {}
}
