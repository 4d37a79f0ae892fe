package io.reelrank.generator;

import io.reelrank.udf.contract.Video;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a made-up catalog: creators with a main topic, videos mostly on their creator's topic,
 * tagged from that topic's vocabulary plus one stray tag, published during the weeks before the
 * world starts (recent uploads more often).
 */
final class SyntheticCatalog {

    private static final double ON_CREATOR_TOPIC = 0.8;
    private static final int MAX_TOPIC_TAGS = 3;
    private static final long PUBLISH_WINDOW_MS = Duration.ofDays(14).toMillis();
    private static final long MIN_AGE_MS = Duration.ofMinutes(1).toMillis();

    private SyntheticCatalog() {}

    static Catalog build(WorldSettings settings) {
        TopicSpace topicSpace =
                TopicSpace.synthetic(settings.topics(), settings.embeddingDim(), settings.seed());
        int[] creatorTopic = new int[settings.creators()];
        for (int k = 0; k < creatorTopic.length; k++) {
            creatorTopic[k] = Seeds.random(settings.seed(), Seeds.CREATORS, k).nextInt(settings.topics());
        }
        List<Video> videos = new ArrayList<>(settings.videos());
        int[] topics = new int[settings.videos()];
        double[] quality = new double[settings.videos()];
        for (int j = 0; j < settings.videos(); j++) {
            SplittableRandom rng = Seeds.random(settings.seed(), Seeds.VIDEOS, j);
            // Squaring skews uploads towards low-numbered creators: a few are prolific.
            double u = rng.nextDouble();
            int creator = (int) (settings.creators() * u * u);
            int topic = rng.nextDouble() < ON_CREATOR_TOPIC
                    ? creatorTopic[creator]
                    : rng.nextInt(settings.topics());
            long age = MIN_AGE_MS + (long) (PUBLISH_WINDOW_MS * Math.pow(rng.nextDouble(), 2));
            topics[j] = topic;
            videos.add(new Video(
                    "v" + j,
                    "c" + creator,
                    tags(topicSpace, topic, settings, rng),
                    Catalog.drawDurationMs(rng),
                    settings.startTs() - age,
                    topicSpace.embedding(topic, rng),
                    false));
            quality[j] = Catalog.drawQuality(rng);
        }
        return new Catalog(videos, topics, quality, settings.topics());
    }

    private static List<String> tags(
            TopicSpace topicSpace, int topic, WorldSettings settings, SplittableRandom rng) {
        int vocabulary = settings.tagsPerTopic();
        int wanted = 1 + rng.nextInt(Math.min(MAX_TOPIC_TAGS, vocabulary));
        Set<String> tags = new LinkedHashSet<>();
        while (tags.size() < wanted) {
            tags.add(topicSpace.tag(topic, rng.nextInt(vocabulary)));
        }
        tags.add(topicSpace.tag(rng.nextInt(settings.topics()), rng.nextInt(vocabulary)));
        return List.copyOf(tags);
    }
}
