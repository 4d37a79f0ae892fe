package io.reelrank.eval;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The baselines, scored on the same requests from the same replay: engagements are applied in
 * event-time order and each request sees exactly those at or before its time, as the job's
 * event-time-aligned ranking does.
 *
 * <ul>
 *   <li>random: a seeded random score per (request, candidate);</li>
 *   <li>popularity: distinct users who engaged with the video so far;</li>
 *   <li>tag-profile cosine: cosine between the user's tag counts over the videos they played,
 *       liked, commented, shared or followed so far (skips excluded) and the video's tags.</li>
 * </ul>
 */
public final class Baselines {
    public static final String RANDOM = "random";
    public static final String POPULARITY = "popularity";
    public static final String TAG_COSINE = "tag-profile cosine";

    private final Map<String, List<String>> tagsByVideo = new HashMap<>();
    private final long seed;

    public Baselines(List<Video> catalog, long seed) {
        catalog.forEach(v -> tagsByVideo.put(v.videoId(), v.tags()));
        this.seed = seed;
    }

    /** Scores per method, per request id, per candidate; requests must be sorted by time. */
    public Map<String, Map<String, Map<String, Double>>> score(List<Engagement> engagements,
                                                                List<ProtocolRequest> requests) {
        Map<String, Map<String, Map<String, Double>>> byMethod = new LinkedHashMap<>();
        byMethod.put(RANDOM, new HashMap<>());
        byMethod.put(POPULARITY, new HashMap<>());
        byMethod.put(TAG_COSINE, new HashMap<>());
        Map<String, Integer> popularity = new HashMap<>();
        Set<String> userVideoPairs = new HashSet<>();
        Set<String> likedPairs = new HashSet<>();
        Map<String, Map<String, Double>> tagProfiles = new HashMap<>();
        int next = 0;
        for (ProtocolRequest request : requests) {
            for (; next < engagements.size() && engagements.get(next).ts() <= request.ts(); next++) {
                Engagement e = engagements.get(next);
                String pair = e.userId() + '\u0000' + e.videoId();
                if (userVideoPairs.add(pair)) {
                    popularity.merge(e.videoId(), 1, Integer::sum);
                }
                if (e.action() != Action.SKIP && e.action() != Action.IMPRESSION && likedPairs.add(pair)) {
                    Map<String, Double> profile = tagProfiles.computeIfAbsent(e.userId(), k -> new HashMap<>());
                    tagsByVideo.getOrDefault(e.videoId(), List.of()).forEach(t -> profile.merge(t, 1.0, Double::sum));
                }
            }
            SplittableRandom random = new SplittableRandom(seed ^ (long) request.requestId().hashCode() << 7);
            Map<String, Double> randomScores = new HashMap<>();
            Map<String, Double> popularScores = new HashMap<>();
            Map<String, Double> tagScores = new HashMap<>();
            Map<String, Double> profile = tagProfiles.getOrDefault(request.userId(), Map.of());
            for (String candidate : request.candidates()) {
                randomScores.put(candidate, random.nextDouble());
                popularScores.put(candidate, (double) popularity.getOrDefault(candidate, 0));
                tagScores.put(candidate, cosine(profile, tagsByVideo.getOrDefault(candidate, List.of())));
            }
            byMethod.get(RANDOM).put(request.requestId(), randomScores);
            byMethod.get(POPULARITY).put(request.requestId(), popularScores);
            byMethod.get(TAG_COSINE).put(request.requestId(), tagScores);
        }
        return byMethod;
    }

    static double cosine(Map<String, Double> profile, List<String> tags) {
        if (profile.isEmpty() || tags.isEmpty()) {
            return 0;
        }
        double dot = 0;
        for (String tag : tags) {
            dot += profile.getOrDefault(tag, 0.0);
        }
        double norm = 0;
        for (double w : profile.values()) {
            norm += w * w;
        }
        return dot / (Math.sqrt(norm) * Math.sqrt(tags.size()));
    }
}
