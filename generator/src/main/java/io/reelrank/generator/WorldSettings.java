package io.reelrank.generator;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of a {@link SyntheticWorld}. Worlds built from equal settings are identical, which is
 * what lets parallel or restarted generator sources rebuild the world on their own and still agree.
 * A KuaiRand world takes its videos, creators and topics from the file and ignores {@code videos},
 * {@code creators}, {@code topics} and {@code tagsPerTopic}.
 *
 * @param eventSpacing event time between consecutive engagements (engagement i happens at {@code
 *     startTs + i * eventSpacing})
 * @param requestSpacing event time between consecutive rank requests
 */
public record WorldSettings(
        long seed,
        int users,
        int videos,
        int creators,
        int topics,
        int tagsPerTopic,
        int embeddingDim,
        long startTs,
        Duration eventSpacing,
        Duration requestSpacing)
        implements Serializable {

    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_TS = 1_767_225_600_000L;

    public WorldSettings {
        requireAtLeast("users", users, 1);
        requireAtLeast("videos", videos, 1);
        requireAtLeast("creators", creators, 1);
        requireAtLeast("topics", topics, 1);
        requireAtLeast("tagsPerTopic", tagsPerTopic, 1);
        requireAtLeast("embeddingDim", embeddingDim, 2);
        requirePositive("eventSpacing", eventSpacing);
        requirePositive("requestSpacing", requestSpacing);
    }

    /** 1,000 users, 2,000 videos by 200 creators over 12 topics, 16-dim embeddings. */
    public static WorldSettings defaults() {
        return new WorldSettings(
                42L, 1_000, 2_000, 200, 12, 8, 16, DEFAULT_START_TS,
                Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    public WorldSettings withSeed(long newSeed) {
        return new WorldSettings(newSeed, users, videos, creators, topics, tagsPerTopic, embeddingDim,
                startTs, eventSpacing, requestSpacing);
    }

    public WorldSettings withUsers(int newUsers) {
        return new WorldSettings(seed, newUsers, videos, creators, topics, tagsPerTopic, embeddingDim,
                startTs, eventSpacing, requestSpacing);
    }

    public WorldSettings withCatalog(int newVideos, int newCreators, int newTopics) {
        return new WorldSettings(seed, users, newVideos, newCreators, newTopics, tagsPerTopic,
                embeddingDim, startTs, eventSpacing, requestSpacing);
    }

    public WorldSettings withStartTs(long newStartTs) {
        return new WorldSettings(seed, users, videos, creators, topics, tagsPerTopic, embeddingDim,
                newStartTs, eventSpacing, requestSpacing);
    }

    public WorldSettings withSpacing(Duration newEventSpacing, Duration newRequestSpacing) {
        return new WorldSettings(seed, users, videos, creators, topics, tagsPerTopic, embeddingDim,
                startTs, newEventSpacing, newRequestSpacing);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(
                    "WorldSettings." + name + " is " + value + "; set it to " + min + " or more");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, () -> "WorldSettings." + name + " must be set");
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "WorldSettings." + name + " is " + value + "; set 1 ms or more (event times are in ms)");
        }
    }
}
