package io.reelrank.bench;

import io.reelrank.generator.EngagementGenerator;
import io.reelrank.generator.GeneratorSources;
import io.reelrank.generator.RankRequestGenerator;
import io.reelrank.generator.SyntheticWorld;
import io.reelrank.generator.WorldSettings;
import io.reelrank.job.GeneratorInputs;
import io.reelrank.job.JobSettings;
import io.reelrank.job.LocalRuntime;
import io.reelrank.job.ReelRankOptions;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.ingest.RawRecord;
import io.reelrank.udf.scoring.ScoringDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One embedded Flink per measurement, configured as the demo's (RocksDB, incremental
 * checkpoints every 10 s, no Kryo fallback) plus the counting reporter, over the built-in
 * generator. Each of its slots gets the managed memory (RocksDB's memtables and block cache) that
 * a slot of a TaskManager configured by {@code flink-conf/config.yaml} gets, not the embedded
 * cluster's default of 128 MiB in all. The generator runs in the same JVM; it makes the
 * engagements and rank requests before the sources emit them, so measured CPU is the job's (and
 * the catalog's generation).
 */
final class BenchCluster {
    static final int DEFAULT_USERS = 10_000;
    static final int DEFAULT_VIDEOS = 10_000;
    /** The cluster configuration the job ships with; BenchMain runs in the repository's root. */
    static final Path CLUSTER_CONF = Path.of("flink-conf");
    private static final String CONF_FILE = "config.yaml";

    private final BenchOptions options;
    private final MemorySize managedMemoryPerSlot;
    /** Null: the model the job's settings name. */
    private final BenchModel model;

    BenchCluster(BenchOptions options) {
        this(options, clusterManagedMemoryPerSlot(CLUSTER_CONF), null);
    }

    private BenchCluster(BenchOptions options, MemorySize managedMemoryPerSlot, BenchModel model) {
        this.options = options;
        this.managedMemoryPerSlot = managedMemoryPerSlot;
        this.model = model;
    }

    /** The same clusters serving {@code model} instead of the job's configured model. */
    BenchCluster serving(BenchModel model) {
        return new BenchCluster(options, managedMemoryPerSlot, model);
    }

    /** The label of the model these clusters serve, as the report names it. */
    String modelLabel() {
        return model == null ? "job's model" : model.label();
    }

    /**
     * The managed memory of one slot of a TaskManager that {@code confDir}'s config.yaml sizes,
     * as Flink derives it from the process size (the managed fraction of Flink's memory, split
     * evenly between the TaskManager's slots).
     */
    static MemorySize clusterManagedMemoryPerSlot(Path confDir) {
        if (!Files.isRegularFile(confDir.resolve(CONF_FILE))) {
            throw new IllegalStateException("no " + confDir.resolve(CONF_FILE)
                    + ": run the benchmark from the repository's root (scripts/bench.sh does)");
        }
        Configuration cluster = GlobalConfiguration.loadConfiguration(confDir.toString());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(cluster);
        return new MemorySize(spec.getManagedMemorySize().getBytes() / spec.getNumSlots());
    }

    /** The managed memory each slot of a cluster from {@link #configuration} has. */
    static MemorySize managedMemoryPerSlot(Configuration config, int parallelism) {
        return new MemorySize(config.get(TaskManagerOptions.MANAGED_MEMORY_SIZE).getBytes() / parallelism);
    }

    Configuration configuration(String name, int parallelism) {
        Configuration config = LocalRuntime.configuration(options.flinkSettings(), "bench-" + name);
        config.setString("parallelism.default", Integer.toString(parallelism));
        if (!config.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE)) {
            // The embedded cluster has one slot per parallel instance.
            config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemoryPerSlot.multiply(parallelism));
        }
        CountingReporter.configuration().forEach(config::setString);
        if (model != null) {
            config.set(ReelRankOptions.MODEL_REGISTRY, model.registry());
            config.set(ReelRankOptions.MODEL_NAME, model.name());
        }
        if (!config.contains(ReelRankOptions.GENERATOR_USERS)) {
            config.set(ReelRankOptions.GENERATOR_USERS, DEFAULT_USERS);
        }
        if (!config.contains(ReelRankOptions.GENERATOR_VIDEOS)) {
            config.set(ReelRankOptions.GENERATOR_VIDEOS, DEFAULT_VIDEOS);
        }
        CountingReporter.reset();
        return config;
    }

    /** The job's settings from {@code config}, on the device the run asked for ({@code --device}). */
    JobSettings settings(Configuration config) {
        Configuration withDevice = new Configuration(config);
        withDevice.set(ReelRankOptions.DEVICE, options.cuda() ? ScoringDevice.CUDA : ScoringDevice.CPU);
        return JobSettings.from(withDevice);
    }

    static SyntheticWorld world(Configuration config) {
        return GeneratorInputs.world(config);
    }

    /** The configured world with engagements {@code eventSpacing} apart in event time. */
    static SyntheticWorld world(Configuration config, Duration eventSpacing) throws IOException {
        return world(config, eventSpacing, GeneratorInputs.world(config).settings().requestSpacing());
    }

    /** The configured world with engagements and rank requests these far apart in event time. */
    static SyntheticWorld world(Configuration config, Duration eventSpacing, Duration requestSpacing)
            throws IOException {
        SyntheticWorld base = GeneratorInputs.world(config);
        WorldSettings settings = base.settings().withSpacing(eventSpacing, requestSpacing);
        String catalog = base.spec().kuaiRandCatalog();
        return catalog == null ? SyntheticWorld.create(settings)
                : SyntheticWorld.fromKuaiRandCatalog(Path.of(catalog), settings);
    }

    /**
     * Generator inputs: {@code engagements} as fast as possible, the whole catalog, and {@code
     * requests} stamped requests of {@code candidates} candidates at {@code requestRate} per
     * second (0: as fast as possible). Engagements and requests are made before their sources
     * emit ({@link PregeneratedRecords}, {@link StampedRequests}); the catalog is generated inline.
     */
    static ReelRankWorkflow.Inputs inputs(StreamExecutionEnvironment env, SyntheticWorld world, long engagements,
                                          long requests, int candidates, double requestRate) {
        RateLimiterStrategy<?> rate = requestRate > 0 ? RateLimiterStrategy.perSecond(requestRate) : RateLimiterStrategy.noOp();
        DataGeneratorSource<RawRecord> requestSource = new DataGeneratorSource<>(
                new StampedRequests(new RankRequestGenerator(world, candidates), requests), requests, rate,
                TypeInformation.of(RawRecord.class));
        DataGeneratorSource<RawRecord> engagementSource = new DataGeneratorSource<>(
                new PregeneratedRecords(new EngagementGenerator(world), engagements), engagements,
                RateLimiterStrategy.noOp(), TypeInformation.of(RawRecord.class));
        return new ReelRankWorkflow.Inputs(
                env.fromSource(engagementSource, WatermarkStrategy.noWatermarks(), "generator: engagements")
                        .uid("source-engagements"),
                env.fromSource(GeneratorSources.catalog(world), WatermarkStrategy.noWatermarks(), "generator: videos")
                        .uid("source-videos"),
                env.fromSource(requestSource, WatermarkStrategy.noWatermarks(), "generator: rank requests")
                        .uid("source-rank-requests"));
    }
}
