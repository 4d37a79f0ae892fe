package io.reelrank.job;

import io.reelrank.udf.contract.Action;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;

/** Whether the feature log is on, where its files go, and how the label join labels rows. */
public record FeatureLogSettings(boolean enabled, String path, Duration labelHorizon, Set<Action> positiveActions) {

    public FeatureLogSettings {
        if (enabled && (path == null || path.isBlank())) {
            throw new IllegalArgumentException(ReelRankOptions.FEATURE_LOG_ENABLED.key() + " is true but "
                    + ReelRankOptions.FEATURE_LOG_PATH.key() + " is not set; give the directory to write the log to");
        }
        if (labelHorizon.isNegative() || labelHorizon.isZero()) {
            throw new IllegalArgumentException(ReelRankOptions.FEATURE_LOG_LABEL_HORIZON.key() + " must be positive");
        }
        if (positiveActions.isEmpty()) {
            throw new IllegalArgumentException(ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS.key()
                    + " is empty; every logged row would be a negative example");
        }
        positiveActions = Set.copyOf(positiveActions);
    }

    public static FeatureLogSettings from(ReadableConfig config) {
        return new FeatureLogSettings(config.get(ReelRankOptions.FEATURE_LOG_ENABLED),
                config.getOptional(ReelRankOptions.FEATURE_LOG_PATH).orElse(null),
                config.get(ReelRankOptions.FEATURE_LOG_LABEL_HORIZON),
                actions(config.get(ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS)));
    }

    private static Set<Action> actions(List<String> names) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (String name : names) {
            actions.add(Action.fromWire(name.trim()).orElseThrow(() -> new IllegalArgumentException(
                    ReelRankOptions.FEATURE_LOG_POSITIVE_ACTIONS.key() + " names '" + name
                            + "', which is not an engagement action; use any of " + wireNames())));
        }
        return actions;
    }

    private static List<String> wireNames() {
        return EnumSet.allOf(Action.class).stream().map(Action::wireName).toList();
    }
}
