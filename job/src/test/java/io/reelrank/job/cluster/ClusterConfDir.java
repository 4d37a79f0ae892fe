package io.reelrank.job.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Flink conf directory made from one of the repository's configurations (flink-conf/config.yaml
 * or config-host.yaml) with the given keys overridden, and flink-conf/log4j.properties. Everything
 * else, JVM options and class loading included, is exactly what a production cluster would run with.
 */
public final class ClusterConfDir {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ClusterConfDir() {}

    /** A configuration file of flink-conf/ as flat key/value pairs, in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path configYaml) throws IOException {
        return YAML.readValue(configYaml.toFile(), LinkedHashMap.class);
    }

    /** Writes {@code target}/config.yaml from {@code configYaml} and {@code overrides}, and the log4j.properties beside it. */
    public static Path write(Path configYaml, Path target, Map<String, ?> overrides) throws IOException {
        Map<String, Object> config = read(configYaml);
        config.putAll(overrides);
        Files.createDirectories(target);
        YAML.writeValue(target.resolve("config.yaml").toFile(), config);
        Files.copy(configYaml.resolveSibling("log4j.properties"), target.resolve("log4j.properties"));
        return target;
    }
}
