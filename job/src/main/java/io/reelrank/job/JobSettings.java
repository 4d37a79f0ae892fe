package io.reelrank.job;

import io.reelrank.cli.UsageException;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.model.ModelContract;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.rank.RankingSettings;
import io.reelrank.udf.scoring.ScorerSettings;
import io.reelrank.udf.scoring.SessionSettings;
import java.time.Duration;
import org.apache.flink.configuration.ReadableConfig;

/** The settings of one ReelRank topology, read once from the configuration. */
public record JobSettings(
        FeatureSpec spec,
        FeatureStateSettings features,
        RankingSettings ranking,
        ScorerSettings scorer,
        ModelSource model,
        Duration outOfOrderness,
        Duration idleness,
        Duration videoStatsInterval,
        Duration scoringTimeout,
        int inFlightRequests,
        FeatureLogSettings featureLog,
        Duration maxFutureSkew,
        PrivacySettings privacy,
        boolean headScores) {

    /**
     * Reads and checks every setting. A value that cannot work (a short secret, malformed
     * objectives, a window the spec lacks) is a {@link UsageException}: the command prints its
     * one-line message and exits with status 2, rather than a stack trace.
     */
    public static JobSettings from(ReadableConfig config) {
        try {
            return read(config);
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static JobSettings read(ReadableConfig config) {
        FeatureSpec spec = FeatureSpec.bundled();
        SessionSettings session = sessionSettings(config);
        return new JobSettings(
                spec,
                FeatureConfig.features(config),
                FeatureConfig.ranking(config),
                new ScorerSettings(
                        config.get(ReelRankOptions.MAX_BATCH_ROWS),
                        config.get(ReelRankOptions.MAX_BATCH_WAIT),
                        config.get(ReelRankOptions.SCORER_THREADS),
                        session,
                        config.getOptional(ReelRankOptions.SCORING_OBJECTIVES).map(ModelContract::parseObjectives)
                                .orElse(null),
                        config.get(ReelRankOptions.HISTORY_LENGTH)),
                new ModelSource(config.get(ReelRankOptions.MODEL_REGISTRY), config.get(ReelRankOptions.MODEL_NAME),
                        spec.names(), spec.hash(), config.get(ReelRankOptions.MODEL_POLL_INTERVAL),
                        config.get(ReelRankOptions.SHADOW_VERSION)),
                config.get(ReelRankOptions.OUT_OF_ORDERNESS),
                config.get(ReelRankOptions.IDLENESS),
                config.get(ReelRankOptions.VIDEO_STATS_INTERVAL),
                config.get(ReelRankOptions.SCORING_TIMEOUT),
                config.get(ReelRankOptions.ASYNC_CAPACITY),
                FeatureLogSettings.from(config),
                config.get(ReelRankOptions.MAX_FUTURE_SKEW),
                PrivacySettings.from(config),
                config.get(ReelRankOptions.OUTPUT_HEAD_SCORES));
    }

    /** How ONNX Runtime runs on each TaskManager: threads, optimisation level, arena, device. */
    public static SessionSettings sessionSettings(ReadableConfig config) {
        return new SessionSettings(
                config.get(ReelRankOptions.INTRA_OP_THREADS),
                config.get(ReelRankOptions.INTER_OP_THREADS),
                config.get(ReelRankOptions.OPTIMIZATION_LEVEL),
                config.get(ReelRankOptions.MEMORY_ARENA),
                config.get(ReelRankOptions.DEVICE));
    }
}
