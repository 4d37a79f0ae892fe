package io.reelrank.udf.features;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;

/**
 * The interests part of a {@link UserState}: everything a user's engagements taught ReelRank
 * apart from windowed counts, that is decayed tag and creator interests, an embedding profile
 * and the recently seen videos. Every part is bounded by {@link FeatureStateSettings}.
 */
public class UserProfile {
    public DecayedWeights tags = new DecayedWeights();
    public DecayedWeights creators = new DecayedWeights();
    public EmbeddingProfile embedding = new EmbeddingProfile();
    public RecentVideos recent = new RecentVideos();
    public long engagements;
    public long lastEventTs = Long.MIN_VALUE;

    public UserProfile() {}

    /**
     * Learns from one engagement. {@code video} is the catalog entry of the engaged video, or
     * null when the catalog does not know it (then only the seen-set and counters learn).
     */
    public void learn(Action action, long ts, String videoId, Video video, float completion,
                      FeatureStateSettings settings) {
        engagements++;
        lastEventTs = Math.max(lastEventTs, ts);
        if (action != Action.IMPRESSION) {
            recent.add(videoId, settings.recentVideos());
        }
        float weight = settings.actionWeights().weightOf(action, completion);
        if (video == null || weight == 0f) {
            return;
        }
        long halfLife = settings.profileHalfLifeMs();
        for (String tag : video.tags()) {
            tags.add(tag, weight, ts, halfLife, settings.maxTags());
        }
        if (video.creatorId() != null) {
            creators.add(video.creatorId(), weight, ts, halfLife, settings.maxCreators());
        }
        embedding.add(video.embedding(), weight, ts, halfLife);
    }
}
