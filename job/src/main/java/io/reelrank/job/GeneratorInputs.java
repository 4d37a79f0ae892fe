package io.reelrank.job;

import io.reelrank.generator.GeneratorSources;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The built-in generator as ReelRank's input: a synthetic world, or one over a real catalog. */
public final class GeneratorInputs {
    private GeneratorInputs() {}

    public static SyntheticWorld world(ReadableConfig config) {
        WorldSettings settings = WorldSettings.defaults()
                .withSeed(config.get(ReelRankOptions.GENERATOR_SEED))
                .withUsers(config.get(ReelRankOptions.GENERATOR_USERS));
        settings = settings.withCatalog(config.get(ReelRankOptions.GENERATOR_VIDEOS),
                Math.max(1, config.get(ReelRankOptions.GENERATOR_VIDEOS) / 10), settings.topics());
        String catalog = config.getOptional(ReelRankOptions.GENERATOR_CATALOG).orElse(null);
        if (catalog == null) {
            return SyntheticWorld.create(settings);
        }
        try {
            return SyntheticWorld.fromKuaiRandCatalog(Path.of(catalog), settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog " + catalog, e);
        }
    }

    public static ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env, SyntheticWorld world,
                                                 ReadableConfig config) {
        return new ReelRankWorkflow.Inputs(
                env.fromSource(GeneratorSources.engagements(world, config.get(ReelRankOptions.GENERATOR_ENGAGEMENTS),
                                config.get(ReelRankOptions.GENERATOR_RATE), config.get(ReelRankOptions.GENERATOR_BAD_EVERY)),
                        WatermarkStrategy.noWatermarks(), "generator: engagements").uid("source-engagements"),
                env.fromSource(GeneratorSources.catalog(world), WatermarkStrategy.noWatermarks(), "generator: videos")
                        .uid("source-videos"),
                env.fromSource(GeneratorSources.rankRequests(world, config.get(ReelRankOptions.GENERATOR_REQUESTS),
                                requestRate(config), config.get(ReelRankOptions.GENERATOR_CANDIDATES)),
                        WatermarkStrategy.noWatermarks(), "generator: rank requests").uid("source-rank-requests"));
    }

    /** Requests follow engagements at the ratio of their counts, so both cover the same event time. */
    private static double requestRate(ReadableConfig config) {
        double rate = config.get(ReelRankOptions.GENERATOR_RATE);
        if (rate <= 0) {
            return 0;
        }
        return rate * config.get(ReelRankOptions.GENERATOR_REQUESTS) / Math.max(1, config.get(ReelRankOptions.GENERATOR_ENGAGEMENTS));
    }
}
