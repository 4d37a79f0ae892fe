package io.reelrank.udf.scoring;

import io.reelrank.udf.contract.Trigger;

/** Placeholder replaced by the scoring branch on merge. */
public record ScoringTask(String requestId, String userId, Trigger trigger, long eventTs, int n,
        String[] videoIds, String[] creatorIds, float[] features, int width, long ingestMillis) {
    public int rows() {
        return videoIds.length;
    }
}
