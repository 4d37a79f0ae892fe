package io.reelrank.generator;

import io.reelrank.udf.contract.Video;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The videos of a world together with what the videos topic does not carry: each video's topic
 * and latent quality, which only the behaviour model may see.
 */
final class Catalog {

    private static final double MIN_DURATION_MS = 5_000;
    private static final double MAX_DURATION_MS = 180_000;
    private static final double MEDIAN_DURATION_MS = 25_000;

    private final List<Video> videos;
    private final int[] topics;
    private final double[] quality;
    private final int topicCount;
    private final int[][] videosByTopic;
    private final Map<String, Integer> indexById;

    Catalog(List<Video> videos, int[] topics, double[] quality, int topicCount) {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("a world needs at least one video");
        }
        this.videos = List.copyOf(videos);
        this.topics = topics.clone();
        this.quality = quality.clone();
        this.topicCount = topicCount;
        this.videosByTopic = groupByTopic(topics, topicCount);
        this.indexById = new HashMap<>();
        for (int j = 0; j < videos.size(); j++) {
            if (indexById.put(videos.get(j).videoId(), j) != null) {
                throw new IllegalArgumentException("video id " + videos.get(j).videoId() + " occurs twice");
            }
        }
    }

    /** Log-normal around 25 s, clipped to 5 s .. 180 s like short-video uploads. */
    static long drawDurationMs(SplittableRandom rng) {
        double ms = MEDIAN_DURATION_MS * Math.exp(0.8 * rng.nextGaussian());
        return Math.round(Math.min(MAX_DURATION_MS, Math.max(MIN_DURATION_MS, ms)));
    }

    /** Mostly average videos, a few great or poor ones. */
    static double drawQuality(SplittableRandom rng) {
        return Math.min(1.0, Math.max(0.0, 0.5 + 0.18 * rng.nextGaussian()));
    }

    int size() {
        return videos.size();
    }

    List<Video> videos() {
        return videos;
    }

    Video video(int index) {
        return videos.get(index);
    }

    int topic(int index) {
        return topics[index];
    }

    double quality(int index) {
        return quality[index];
    }

    int topicCount() {
        return topicCount;
    }

    /** Indices of the videos whose topic is {@code topic}; empty when the topic has none. */
    int[] videosOf(int topic) {
        return videosByTopic[topic];
    }

    OptionalInt indexOf(String videoId) {
        Integer index = indexById.get(videoId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    private static int[][] groupByTopic(int[] topics, int topicCount) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int t = 0; t < topicCount; t++) {
            groups.add(new ArrayList<>());
        }
        for (int j = 0; j < topics.length; j++) {
            groups.get(topics[j]).add(j);
        }
        int[][] grouped = new int[topicCount][];
        for (int t = 0; t < topicCount; t++) {
            grouped[t] = groups.get(t).stream().mapToInt(Integer::intValue).toArray();
        }
        return grouped;
    }
}
