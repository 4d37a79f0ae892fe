package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.EngagementCounts;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.VideoStats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Columns assembled once per request really are the same for every candidate, and a row built
 * from the request's user row equals one computed value by value through the spec's definitions.
 */
class UserOnlyFeaturesTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final FeatureStateSettings SETTINGS = FeatureStateSettings.defaults();

    @Test
    void userColumnsDependOnTheUserOnlyAndRowsMatchTheDefinitions() {
        FeatureSpec spec = FeatureSpec.bundled();
        FeatureAssembler assembler = new FeatureAssembler(spec, SETTINGS);
        UserFeatures user = SampleUsers.everyActionOnce(SETTINGS, T0);
        List<VideoEntry> candidates = List.of(entry("v1", List.of("food"), 3), entry("v2", List.of("news"), 0),
                new VideoEntry(new Video("v3", null, List.of(), 1000, T0, new float[0], false), null));
        long now = T0 + 60_000;
        float[] userRow = assembler.userRow(user, now);
        int userOnly = 0;
        for (VideoEntry candidate : candidates) {
            float[] matrix = new float[assembler.width()];
            assembler.assemble(user, userRow, candidate, now, matrix, 0);
            for (int i = 0; i < assembler.width(); i++) {
                FeatureDefinition definition = spec.features().get(i);
                FeatureExtractor extractor = FeatureExtractors.forName(definition.name(), SETTINGS, spec);
                float expected = definition.apply(extractor.extract(user, candidate, now));
                assertThat(matrix[i]).as(definition.name()).isEqualTo(expected);
                if (FeatureExtractors.userOnly(definition.name())) {
                    assertThat(definition.apply(extractor.extract(user, null, 0L))).as(definition.name()).isEqualTo(expected);
                    userOnly++;
                }
            }
        }
        assertThat(userOnly).as("user-only columns in the bundled spec, per candidate").isEqualTo(8 * candidates.size());
    }

    private static VideoEntry entry(String id, List<String> tags, int plays) {
        EngagementCounts[] windows = new EngagementCounts[SETTINGS.windows().length];
        for (int w = 0; w < windows.length; w++) {
            windows[w] = new EngagementCounts();
            for (int i = 0; i < plays; i++) {
                windows[w].add(Action.PLAY, 3000, 0.3f);
            }
        }
        return new VideoEntry(new Video(id, "c" + plays, tags, 15_000, T0 - 3_600_000, new float[] {0.5f, 0.5f}, false),
                new VideoStats(id, T0, windows, plays, T0));
    }
}
