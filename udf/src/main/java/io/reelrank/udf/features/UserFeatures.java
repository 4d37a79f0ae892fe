package io.reelrank.udf.features;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's feature values at one moment: the windowed counts and the profile of a {@link
 * UserState}, decayed to {@code asOfTs}, and a copy of its last engagements. Derived and read-only, never stored. Built once per
 * request from the state value, then asked once per candidate by the request's thread; the
 * per-candidate methods only read, apart from a one-entry memo of {@link #tagMass}.
 */
public final class UserFeatures {
    private final long asOfTs;
    private final EngagementCounts[] windows;
    private final Map<String, Float> tagWeights;
    private final float tagNorm;
    private final DecayedWeights creators;
    private final float creatorScale;
    private final float[] embedding;
    private final float embeddingNorm;
    private final Set<String> recent;
    private final boolean hasHistory;
    private final EngagementHistory history;
    private List<String> lastMassTags;
    private float lastMass;

    private UserFeatures(long asOfTs, EngagementCounts[] windows, UserProfile profile, EngagementHistory history,
                         long halfLifeMs) {
        this.asOfTs = asOfTs;
        this.history = history.copy(); // the state value may be the heap backend's live object
        this.windows = windows;
        this.hasHistory = profile.engagements > 0;
        float tagScale = profile.tags.scaleAt(asOfTs, halfLifeMs);
        // A hash map, built once per request: every candidate looks up each of its tags, and a
        // scan over up to max-tags keys per lookup would dominate feature assembly.
        String[] keys = profile.tags.keys;
        this.tagWeights = new HashMap<>(keys.length * 2);
        double norm = 0;
        for (int i = 0; i < keys.length; i++) {
            float weight = profile.tags.weights[i] * tagScale;
            if (tagWeights.putIfAbsent(keys[i], weight) == null) {
                norm += (double) weight * weight;
            }
        }
        this.tagNorm = (float) Math.sqrt(norm);
        this.creators = profile.creators;
        this.creatorScale = profile.creators.scaleAt(asOfTs, halfLifeMs);
        this.embedding = profile.embedding.mean();
        this.embeddingNorm = norm(embedding);
        // Asked once per candidate: a hash lookup instead of a scan of the whole ring.
        this.recent = new HashSet<>(profile.recent.ring.length * 2);
        for (String videoId : profile.recent.ring) {
            recent.add(videoId);
        }
    }

    /** The current feature values of a user; null state means the user has no history. */
    public static UserFeatures of(UserProfile profile, WindowedCounts counts, FeatureStateSettings settings, long now) {
        return of(profile, counts, null, settings, now);
    }

    /** As {@link #of(UserProfile, WindowedCounts, FeatureStateSettings, long)}, with the user's last engagements. */
    public static UserFeatures of(UserProfile profile, WindowedCounts counts, EngagementHistory history,
                                  FeatureStateSettings settings, long now) {
        UserProfile p = profile == null ? new UserProfile() : profile;
        WindowedCounts c = counts == null ? new WindowedCounts() : counts;
        EngagementHistory h = history == null ? new EngagementHistory() : history;
        return new UserFeatures(now, c.totals(settings.windows(), now), p, h, settings.profileHalfLifeMs());
    }

    public long asOfTs() {
        return asOfTs;
    }

    public boolean hasHistory() {
        return hasHistory;
    }

    /** Counts of window {@code index} of the configured windows. */
    public EngagementCounts window(int index) {
        return windows[index];
    }

    /** The user's last engagements as state held them, newest first; later engagements do not change it. */
    public EngagementHistory history() {
        return history;
    }

    public boolean hasSeen(String videoId) {
        return recent.contains(videoId);
    }

    public float tagWeight(String tag) {
        // get, not getOrDefault(tag, 0f): the default boxes a Float per lookup.
        Float weight = tagWeights.get(tag);
        return weight == null ? 0f : weight;
    }

    /** Cosine between the tag profile and a video whose tags all weigh 1; 0 when either is empty. */
    public float tagCosine(List<String> videoTags) {
        if (videoTags.isEmpty() || tagNorm == 0f) {
            return 0f;
        }
        return tagMass(videoTags) / (tagNorm * (float) Math.sqrt(videoTags.size()));
    }

    /** Sum of the profile's weights for the video's tags. */
    public float tagMass(List<String> videoTags) {
        // tag_cosine and tag_profile_mass ask for the same candidate's (immutable) tag list one
        // after the other: the second call reuses the first's hash lookups.
        if (videoTags != lastMassTags) {
            float mass = 0f;
            for (int i = 0; i < videoTags.size(); i++) { // catalog tag lists are List.of (random access)
                mass += tagWeight(videoTags.get(i));
            }
            lastMass = mass;
            lastMassTags = videoTags;
        }
        return lastMass;
    }

    public float creatorAffinity(String creatorId) {
        return creatorId == null ? 0f : creatorWeight(creatorId);
    }

    /** Cosine between the embedding profile and a video embedding; 0 when either is missing. */
    public float embeddingCosine(float[] videoEmbedding) {
        if (embeddingNorm == 0f || videoEmbedding.length != embedding.length) {
            return 0f;
        }
        float dot = 0f;
        for (int i = 0; i < embedding.length; i++) {
            dot += embedding[i] * videoEmbedding[i];
        }
        float videoNorm = norm(videoEmbedding);
        return videoNorm == 0f ? 0f : dot / (embeddingNorm * videoNorm);
    }

    /** The embedding profile (mean of engaged embeddings); empty without history. */
    public float[] embedding() {
        return embedding.clone();
    }

    private float creatorWeight(String creatorId) {
        for (int i = 0; i < creators.keys.length; i++) {
            if (creators.keys[i].equals(creatorId)) {
                return creators.weights[i] * creatorScale;
            }
        }
        return 0f;
    }

    private static float norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        return (float) Math.sqrt(sum);
    }
}
