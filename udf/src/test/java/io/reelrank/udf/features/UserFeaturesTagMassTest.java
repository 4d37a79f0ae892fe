package io.reelrank.udf.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;


import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Video;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tagMass remembers the last tag list it summed; asking about other lists in any order stays exact. */
class UserFeaturesTagMassTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void tagMassAndCosineAreExactWhateverOrderTheyAreAskedIn() {
        FeatureStateSettings settings = FeatureStateSettings.defaults();
        UserProfile profile = new UserProfile();
        profile.learn(Action.LIKE, T0, "v1", new Video("v1", "c1", List.of("food", "travel"), 10_000, T0,
                new float[0], false), -1f, settings);
        UserFeatures user = UserFeatures.of(profile, null, settings, T0);
        float food = user.tagWeight("food");
        assertThat(food).isPositive();
        List<String> both = List.of("food", "travel");
        List<String> one = List.of("food");
        List<String> none = List.of("music");
        for (int i = 0; i < 3; i++) {
            assertThat(user.tagMass(both)).isCloseTo(2 * food, within(1e-6f));
            assertThat(user.tagMass(both)).isCloseTo(2 * food, within(1e-6f));
            assertThat(user.tagMass(one)).isCloseTo(food, within(1e-6f));
            assertThat(user.tagCosine(one)).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
            assertThat(user.tagMass(none)).isZero();
            assertThat(user.tagCosine(both)).isCloseTo(1f, within(1e-6f));
        }
    }
}
