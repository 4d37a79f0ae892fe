package io.reelrank.udf.rank;

import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.UserProfile;
import io.reelrank.udf.features.WindowedCounts;
import java.util.List;

/** Users for feature-assembly tests. */
final class SampleUsers {
    private SampleUsers() {}

    /** A user who did every action once to one video ("food", creator c1) at {@code t0}, as of a minute later. */
    static UserFeatures everyActionOnce(FeatureStateSettings settings, long t0) {
        UserProfile profile = new UserProfile();
        WindowedCounts counts = new WindowedCounts();
        Video liked = new Video("v0", "c1", List.of("food"), 10_000, t0, new float[] {1f, 0f}, false);
        for (Action action : Action.values()) {
            profile.learn(action, t0, "v0", liked, 0.5f, settings);
            counts.add(settings.windows(), t0, Long.MIN_VALUE, action, 4000, 0.5f, expiry -> {});
        }
        return UserFeatures.of(profile, counts, settings, t0 + 60_000);
    }
}
