package io.reelrank.udf.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ranked video of a recommendation; {@code rank} starts at 1. {@code filled} marks a video
 * that was not among the request's candidates but filled in from the job's fallback candidates
 * because too few of those were left; it is written only when true. {@code heads} holds a
 * multi-head model's value of each head for the video (its {@code score} is their fusion), only
 * when the job is asked to write them ({@code reelrank.output.head-scores}); else it is null and
 * left out.
 */
public record RecommendedItem(
        String videoId,
        float score,
        int rank,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean filled,
        Map<String, Float> heads) {

    public RecommendedItem {
        // Head order as the model lists them, for readers of the JSON.
        heads = heads == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(heads));
    }

    public RecommendedItem(String videoId, float score, int rank, boolean filled) {
        this(videoId, score, rank, filled, null);
    }

    /** One of the request's own candidates. */
    public RecommendedItem(String videoId, float score, int rank) {
        this(videoId, score, rank, false);
    }
}
