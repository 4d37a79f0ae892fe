package io.reelrank.job;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ParameterTool;

/**
 * Configuration of the embedded local Flink that the demo and tools run on: RocksDB state (LZ4),
 * checkpoints every 10 s, no Kryo fallback, object reuse, network buffers sent within 5 ms; any {@code --key value} argument overrides.
 */
public final class LocalRuntime {
    private LocalRuntime() {}

    public static Configuration configuration(String[] args, String name) {
        Configuration config = new Configuration();
        Path checkpoints = Path.of(System.getProperty("java.io.tmpdir"), "reelrank", name, "checkpoints");
        config.setString("state.backend.type", "rocksdb");
        config.setString("state.backend.rocksdb.compression.per.level", "LZ4_COMPRESSION"); // as config.yaml: why there
        config.setString("execution.checkpointing.incremental", "true");
        config.setString("execution.checkpointing.interval", "10 s");
        config.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        config.setString("pipeline.generic-types", "false");
        // No copy between chained operators; why that is safe for ReelRank: flink-conf/config.yaml.
        config.setString("pipeline.object-reuse", "true");
        config.setString("execution.buffer-timeout.interval", "5 ms"); // as config.yaml: why there
        config.setString("parallelism.default", "2");
        config.setString("rest.bind-port", "0");
        config.addAll(Configuration.fromMap(ParameterTool.fromArgs(args).toMap()));
        return config;
    }
}
