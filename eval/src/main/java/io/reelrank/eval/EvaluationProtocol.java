package io.reelrank.eval;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Leave-last-out with sampled negatives. Each user's engaged videos are ordered by the time of
 * their first engagement (ties by video id); the last is the test positive, the {@code
 * trainPoints} before it are training positives. Each positive gets a request 1 ms before its
 * engagement whose candidates are it plus {@code negatives} videos the user never engaged
 * with, drawn with a seed derived from the protocol seed and the request id, so a request's
 * candidates do not depend on any other user. The embedding step (models/embeddings) holds out
 * exactly the same positives.
 */
public record EvaluationProtocol(long seed, int negatives, int trainPoints) {

    public EvaluationProtocol {
        if (negatives < 1 || trainPoints < 0) {
            throw new IllegalArgumentException("negatives must be >= 1 and train points >= 0");
        }
    }

    public List<ProtocolRequest> requests(List<Video> catalog, List<Engagement> engagements) {
        List<String> videoIds = catalog.stream().filter(v -> !v.deleted()).map(Video::videoId).sorted().toList();
        List<ProtocolRequest> requests = new ArrayList<>();
        for (Map.Entry<String, List<Engaged>> user : timelines(engagements).entrySet()) {
            List<Engaged> timeline = user.getValue();
            Set<String> engaged = new HashSet<>();
            timeline.forEach(e -> engaged.add(e.videoId()));
            int last = timeline.size() - 1;
            for (int back = 0; back <= trainPoints && last - back >= 1; back++) {
                Engaged positive = timeline.get(last - back);
                String id = (back == 0 ? "test-" : "train" + back + "-") + user.getKey();
                requests.add(new ProtocolRequest(id, user.getKey(), positive.videoId(),
                        candidates(id, positive.videoId(), engaged, videoIds), positive.firstTs() - 1, back == 0));
            }
        }
        requests.sort(Comparator.comparingLong(ProtocolRequest::ts).thenComparing(ProtocolRequest::requestId));
        return requests;
    }

    /** A video in a user's timeline, at the time the user first engaged with it. */
    public record Engaged(String videoId, long firstTs) {}

    /** Every user's distinct engaged videos in protocol order, users sorted by id. */
    public static Map<String, List<Engaged>> timelines(List<Engagement> engagements) {
        Map<String, Map<String, Long>> first = new TreeMap<>();
        for (Engagement e : engagements) {
            first.computeIfAbsent(e.userId(), k -> new LinkedHashMap<>()).merge(e.videoId(), e.ts(), Math::min);
        }
        Map<String, List<Engaged>> timelines = new LinkedHashMap<>();
        first.forEach((user, videos) -> {
            List<Engaged> timeline = new ArrayList<>();
            videos.forEach((video, ts) -> timeline.add(new Engaged(video, ts)));
            timeline.sort(Comparator.comparingLong(Engaged::firstTs).thenComparing(Engaged::videoId));
            timelines.put(user, timeline);
        });
        return timelines;
    }

    private List<String> candidates(String requestId, String positive, Set<String> engaged, List<String> videoIds) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + requestId.hashCode());
        int available = videoIds.size() - (int) videoIds.stream().filter(engaged::contains).count();
        int wanted = Math.min(negatives, available);
        Set<String> picked = new HashSet<>();
        List<String> candidates = new ArrayList<>(wanted + 1);
        candidates.add(positive);
        while (candidates.size() < wanted + 1) {
            String video = videoIds.get(random.nextInt(videoIds.size()));
            if (!engaged.contains(video) && picked.add(video)) {
                candidates.add(video);
            }
        }
        Collections.shuffle(candidates, new java.util.Random(random.nextLong()));
        return candidates;
    }
}
