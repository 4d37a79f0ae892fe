package io.reelrank.generator;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.ingest.RawRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class EngagementGeneratorTest {

    private static final Set<Action> SOCIAL =
            EnumSet.of(Action.LIKE, Action.COMMENT, Action.SHARE, Action.FOLLOW);

    private final SyntheticWorld world = SyntheticWorld.create(WorldSettings.defaults());
    private final EngagementGenerator generator = new EngagementGenerator(world);

    @Test
    void anIndexAlwaysGivesTheSameBytes() throws Exception {
        // The copy travels as Flink ships functions and rebuilds its world from the spec.
        EngagementGenerator shipped = InstantiationUtil.clone(generator);
        shipped.open(null);
        EngagementGenerator fresh = new EngagementGenerator(SyntheticWorld.create(WorldSettings.defaults()));
        for (long i : new long[] {0, 1, 2, 999, 123_456_789L}) {
            byte[] expected = generator.map(i).value();
            assertThat(shipped.map(i).value()).isEqualTo(expected);
            assertThat(fresh.map(i).value()).isEqualTo(expected);
        }
        assertThat(generator.map(5L).value()).isNotEqualTo(generator.map(6L).value());
    }

    @Test
    void everyRecordIsAValidEngagementOfThisWorld() throws Exception {
        for (long i = 0; i < 3_000; i++) {
            RawRecord record = generator.map(i);
            assertThat(record.source()).isEqualTo(Topics.ENGAGEMENTS);
            assertThat(record.offset()).isEqualTo(i);
            Engagement engagement = StrictEngagements.parse(record.value()).orElseThrow();
            assertThat(engagement).isEqualTo(generator.engagement(i));
            assertThat(engagement.eventId()).isEqualTo("e-" + i);
            assertThat(engagement.ts()).isEqualTo(WorldSettings.DEFAULT_START_TS + i * 100);
            assertThat(world.userIndex(engagement.userId())).isPresent();
            Video video = world.video(world.videoIndex(engagement.videoId()).orElseThrow());
            if (engagement.action() == Action.PLAY) {
                assertThat(engagement.watchMs()).isBetween(0L, video.durationMs());
            }
            assertThat(engagement.action()).isNotEqualTo(Action.IMPRESSION);
        }
    }

    @Test
    void engagementsRevealTheUsersTastes() throws Exception {
        int[] events = new int[2];
        int[] strong = new int[2];
        int[] skips = new int[2];
        for (long i = 0; i < 20_000; i++) {
            Engagement e = generator.engagement(i);
            int group = world.likesTopicsOf(e.userId(), e.videoId()) ? 1 : 0;
            long duration = world.video(world.videoIndex(e.videoId()).orElseThrow()).durationMs();
            events[group]++;
            boolean fullWatch = e.action() == Action.PLAY && e.watchMs() >= 0.8 * duration;
            strong[group] += SOCIAL.contains(e.action()) || fullWatch ? 1 : 0;
            skips[group] += e.action() == Action.SKIP ? 1 : 0;
        }
        double matchingShare = (double) events[1] / (events[0] + events[1]);
        assertThat(matchingShare).as("feeds lean towards the users' tastes").isBetween(0.4, 0.8);
        assertThat((double) strong[1] / events[1]).isGreaterThan(4.0 * strong[0] / events[0]);
        assertThat((double) skips[0] / events[0]).isGreaterThan(2.0 * skips[1] / events[1]);
    }

    @Test
    void aFewHeavyUsersProduceMuchOfTheTraffic() throws Exception {
        int[] perUser = new int[world.userCount()];
        int total = 20_000;
        for (long i = 0; i < total; i++) {
            perUser[world.userIndex(generator.engagement(i).userId()).orElseThrow()]++;
        }
        int topTenPercent = Arrays.stream(perUser)
                .boxed()
                .sorted(Comparator.reverseOrder())
                .limit(world.userCount() / 10)
                .mapToInt(Integer::intValue)
                .sum();
        assertThat((double) topTenPercent / total).isGreaterThan(0.25);
    }
}
