package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.catalog.PreparedCatalog;
import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.VideoStats;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A row assembled from a prepared entry (video-only columns computed once per stats version)
 * equals the row computed column by column, at request times before, between and after the
 * entry's stats versions.
 */
class VideoOnlyFeaturesTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();

    @Test
    void preparedRowsEqualRowsComputedPerCandidate() {
        FeatureAssembler assembler = new FeatureAssembler(FeatureSpec.bundled(), SETTINGS);
        SplittableRandom random = new SplittableRandom(5);
        UserFeatures user = SampleUsers.everyActionOnce(SETTINGS, T0);
        int videoOnly = (int) FeatureSpec.bundled().names().stream().filter(FeatureExtractors::videoOnly).count();
        assertThat(videoOnly).as("video-only columns in the bundled spec").isEqualTo(7);
        for (int v = 0; v < 300; v++) {
            VideoEntry entry = entry("v" + v, random);
            PreparedCatalog catalog = new PreparedCatalog(assembler);
            catalog.update(entry.video().videoId(), entry);
            PreparedVideo prepared = catalog.get(entry.video().videoId());
            for (long now : times(entry)) {
                float[] userRow = assembler.userRow(user, now);
                float[] direct = new float[assembler.width()];
                float[] fromPrepared = new float[assembler.width()];
                assembler.assemble(user, userRow, entry, now, direct, 0);
                assembler.assemble(user, userRow, prepared, now, fromPrepared, 0);
                assertThat(fromPrepared).as(entry + " at " + now).containsExactly(direct);
            }
        }
    }

    /** Before every version, at each version's time, between versions and long after. */
    private static List<Long> times(VideoEntry entry) {
        List<Long> times = new java.util.ArrayList<>(List.of(T0 - 1, T0 + 30 * 86_400_000L));
        List<VideoStats> versions = new java.util.ArrayList<>();
        if (entry.stats() != null) {
            versions.add(entry.stats());
        }
        versions.addAll(List.of(entry.newer()));
        for (VideoStats stats : versions) {
            times.add(stats.asOfTs() - 1);
            times.add(stats.asOfTs());
            times.add(stats.asOfTs() + 1);
        }
        return times;
    }

    private static VideoEntry entry(String id, SplittableRandom random) {
        Video video = new Video(id, "c" + random.nextInt(5), List.of("food", "news").subList(0, random.nextInt(3)),
                random.nextInt(3) == 0 ? 0 : 1_000L * random.nextInt(1, 600), T0 - 3_600_000,
                new float[] {0.5f, 0.5f}, false);
        long asOf = T0 + random.nextInt(60_000);
        VideoStats stats = random.nextInt(4) == 0 ? null : stats(id, asOf, random);
        VideoStats[] newer = new VideoStats[random.nextInt(4)];
        for (int i = 0; i < newer.length; i++) {
            asOf += 1 + random.nextInt(60_000);
            newer[i] = stats(id, asOf, random);
        }
        return new VideoEntry(video, stats, newer);
    }

    private static VideoStats stats(String id, long asOf, SplittableRandom random) {
        EngagementCounts[] windows = new EngagementCounts[SETTINGS.windows().length];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = new EngagementCounts();
            Action[] actions = Action.values();
            for (int i = random.nextInt(6); i > 0; i--) {
                windows[w].add(actions[random.nextInt(actions.length)], random.nextInt(60_000), random.nextFloat());
            }
        }
        return new VideoStats(id, asOf, windows, random.nextInt(10), asOf);
    }
}
