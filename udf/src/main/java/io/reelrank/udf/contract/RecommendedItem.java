package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One ranked video of a recommendation; {@code rank} starts at 1. {@code filled} marks a video
 * that was not among the request's candidates but filled in from the job's fallback candidates
 * because too few of those were left; it is written only when true.
 */
public record RecommendedItem(
        String videoId, float score, int rank, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean filled) {

    /** One of the request's own candidates. */
    public RecommendedItem(String videoId, float score, int rank) {
        this(videoId, score, rank, false);
    }
}
