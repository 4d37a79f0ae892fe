package io.reelrank.udf.ingest;

import static io.reelrank.udf.ingest.FuzzValues.NODES;
import static io.reelrank.udf.ingest.FuzzValues.assertValidId;
import static io.reelrank.udf.ingest.FuzzValues.assertValidTimestamp;
import static io.reelrank.udf.ingest.FuzzValues.badId;
import static io.reelrank.udf.ingest.FuzzValues.badStringElement;
import static io.reelrank.udf.ingest.FuzzValues.badTimestamp;
import static io.reelrank.udf.ingest.FuzzValues.id;
import static io.reelrank.udf.ingest.FuzzValues.pick;
import static io.reelrank.udf.ingest.FuzzValues.stringArray;
import static io.reelrank.udf.ingest.FuzzValues.text;
import static io.reelrank.udf.ingest.FuzzValues.timestamp;
import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Video;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** What the fuzz test knows about one topic: how to make a good record, and how to break one for certain. */
interface FuzzTopic<T> {

    ParseFunction<T> parseFunction();

    T goodRecord(Random random);

    /** Fields without which the record is certainly rejected. */
    List<String> requiredFields(T record);

    /** Gives one field of a good record's JSON a value of the right type that breaks a rule. */
    void breakValue(ObjectNode json, T record, Random random);

    /** Whatever a parser lets through must be within the contract's limits. */
    void assertValid(T parsed);

    FuzzTopic<Engagement> ENGAGEMENTS = new FuzzTopic<>() {
        @Override
        public ParseFunction<Engagement> parseFunction() {
            return ParseFunction.engagements();
        }

        @Override
        public Engagement goodRecord(Random random) {
            Action action = Action.values()[random.nextInt(Action.values().length)];
            Long watchMs = null;
            if (action == Action.PLAY && random.nextInt(5) > 0) {
                watchMs = random.nextInt(20) == 0 ? Long.MAX_VALUE : (long) random.nextInt(10_000_000);
            }
            return new Engagement(id(random), id(random), id(random), action, watchMs, timestamp(random));
        }

        @Override
        public List<String> requiredFields(Engagement record) {
            return List.of("event_id", "user_id", "video_id", "action", "ts");
        }

        @Override
        public void breakValue(ObjectNode json, Engagement record, Random random) {
            switch (random.nextInt(4)) {
                case 0 -> json.set("ts", badTimestamp(random));
                case 1 -> json.set(pick(random, List.of("event_id", "user_id", "video_id")), badId(random));
                case 2 -> json.put("action", pick(random, List.of("dance", "PLAY", "", "play ", "views")));
                default -> {
                    if (record.action() == Action.PLAY) {
                        json.put("watch_ms", -1L - random.nextInt(Integer.MAX_VALUE));
                    } else {
                        json.put("watch_ms", (long) random.nextInt(100_000));
                    }
                }
            }
        }

        @Override
        public void assertValid(Engagement parsed) {
            assertValidId(parsed.eventId());
            assertValidId(parsed.userId());
            assertValidId(parsed.videoId());
            assertThat(parsed.action()).isNotNull();
            if (parsed.watchMs() != null) {
                assertThat(parsed.action()).isEqualTo(Action.PLAY);
                assertThat(parsed.watchMs()).isNotNegative();
            }
            assertValidTimestamp(parsed.ts());
        }
    };

    FuzzTopic<Video> VIDEOS = new FuzzTopic<>() {
        @Override
        public ParseFunction<Video> parseFunction() {
            return ParseFunction.videos();
        }

        @Override
        public Video goodRecord(Random random) {
            if (random.nextInt(7) == 0) {
                return new Video(id(random), null, List.of(), 0L, timestamp(random), null, true);
            }
            List<String> tags = new ArrayList<>();
            int tagCount = random.nextInt(20) == 0 ? InputLimits.MAX_TAGS : random.nextInt(6);
            for (int i = 0; i < tagCount; i++) {
                tags.add(text(random, 1, random.nextInt(10) == 0 ? InputLimits.MAX_TAG_CHARS : 12));
            }
            int dimensions = random.nextInt(20) == 0 ? InputLimits.MAX_EMBEDDING_VALUES : random.nextInt(33);
            float[] embedding = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                embedding[i] = random.nextInt(50) == 0 ? Float.MAX_VALUE : random.nextFloat() * 2 - 1;
            }
            long durationMs = random.nextInt(50) == 0 ? Long.MAX_VALUE : 1 + random.nextInt(3_600_000);
            return new Video(id(random), id(random), tags, durationMs, timestamp(random), embedding, false);
        }

        @Override
        public List<String> requiredFields(Video record) {
            return record.deleted()
                    ? List.of("video_id", "published_ts")
                    : List.of("video_id", "creator_id", "duration_ms", "published_ts");
        }

        @Override
        public void breakValue(ObjectNode json, Video record, Random random) {
            int choice = random.nextInt(record.deleted() ? 3 : 6);
            switch (choice) {
                case 0 -> json.set("published_ts", badTimestamp(random));
                case 1 -> json.set("video_id", badId(random));
                case 2 -> json.set("deleted", pick(random, List.of(NODES.textNode("true"), NODES.numberNode(1))));
                case 3 -> json.put("duration_ms", -random.nextInt(1000));
                case 4 -> {
                    int size = random.nextBoolean() ? InputLimits.MAX_TAGS + 1 + random.nextInt(100) : 3;
                    ArrayNode tags = stringArray(random, size);
                    tags.set(random.nextInt(tags.size()), badStringElement(random, InputLimits.MAX_TAG_CHARS));
                    json.set("tags", tags);
                }
                default -> {
                    ArrayNode embedding = NODES.arrayNode();
                    int size = random.nextBoolean() ? InputLimits.MAX_EMBEDDING_VALUES + 1 + random.nextInt(300) : 4;
                    for (int i = 0; i < size; i++) {
                        embedding.add(0.25);
                    }
                    embedding.set(random.nextInt(size), pick(random, List.of(
                            NODES.numberNode(1e300), NODES.numberNode(-1e39), NODES.textNode("0.5"), NODES.nullNode(),
                            NODES.booleanNode(true))));
                    json.set("embedding", embedding);
                }
            }
        }

        @Override
        public void assertValid(Video parsed) {
            assertValidId(parsed.videoId());
            assertValidTimestamp(parsed.publishedTs());
            if (parsed.deleted()) {
                return;
            }
            assertValidId(parsed.creatorId());
            assertThat(parsed.durationMs()).isPositive();
            assertThat(parsed.tags()).hasSizeLessThanOrEqualTo(InputLimits.MAX_TAGS).allSatisfy(tag -> {
                assertThat(tag).isNotBlank();
                assertThat(tag.codePointCount(0, tag.length())).isLessThanOrEqualTo(InputLimits.MAX_TAG_CHARS);
            });
            assertThat(parsed.embedding().length).isLessThanOrEqualTo(InputLimits.MAX_EMBEDDING_VALUES);
            for (float value : parsed.embedding()) {
                assertThat(Float.isFinite(value)).isTrue();
            }
        }
    };

    FuzzTopic<RankRequest> RANK_REQUESTS = new FuzzTopic<>() {
        @Override
        public ParseFunction<RankRequest> parseFunction() {
            return ParseFunction.rankRequests();
        }

        @Override
        public RankRequest goodRecord(Random random) {
            int count = random.nextInt(30) == 0 ? InputLimits.MAX_CANDIDATES : 1 + random.nextInt(40);
            Set<String> candidates = new LinkedHashSet<>();
            while (candidates.size() < count) {
                candidates.add(id(random));
            }
            Integer n = random.nextInt(3) == 0 ? null : 1 + random.nextInt(InputLimits.MAX_N);
            return new RankRequest(id(random), id(random), List.copyOf(candidates), n, timestamp(random));
        }

        @Override
        public List<String> requiredFields(RankRequest record) {
            return List.of("request_id", "user_id", "candidates", "ts");
        }

        @Override
        public void breakValue(ObjectNode json, RankRequest record, Random random) {
            switch (random.nextInt(5)) {
                case 0 -> json.set("ts", badTimestamp(random));
                case 1 -> json.set(pick(random, List.of("request_id", "user_id")), badId(random));
                case 2 -> json.put("n", pick(random, List.of(0L, -1L, 101L, 1L << 31, Long.MAX_VALUE)));
                case 3 -> {
                    ArrayNode candidates = (ArrayNode) json.get("candidates");
                    candidates.add(candidates.get(random.nextInt(candidates.size())));
                }
                default -> {
                    int size = random.nextBoolean()
                            ? InputLimits.MAX_CANDIDATES + 1 + random.nextInt(200)
                            : 1 + random.nextInt(5);
                    ArrayNode candidates = stringArray(random, size);
                    candidates.set(random.nextInt(size), badStringElement(random, InputLimits.MAX_ID_CHARS));
                    json.set("candidates", random.nextInt(10) == 0 ? NODES.arrayNode() : candidates);
                }
            }
        }

        @Override
        public void assertValid(RankRequest parsed) {
            assertValidId(parsed.requestId());
            assertValidId(parsed.userId());
            assertThat(parsed.candidates()).isNotEmpty().hasSizeLessThanOrEqualTo(InputLimits.MAX_CANDIDATES)
                    .doesNotHaveDuplicates().allSatisfy(FuzzValues::assertValidId);
            if (parsed.n() != null) {
                assertThat(parsed.n()).isBetween(InputLimits.MIN_N, InputLimits.MAX_N);
            }
            assertValidTimestamp(parsed.ts());
        }
    };
}
