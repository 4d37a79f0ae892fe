package io.reelrank.job.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Flink conf directory made from the repository's {@code flink-conf/}: its config.yaml with
 * the given keys overridden (ports, directories, memory that a test machine can afford) and its
 * log4j.properties. Everything else, JVM options and class loading included, is exactly what a
 * production cluster would run with.
 */
public final class ClusterConfDir {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ClusterConfDir() {}

    /** The repository's config.yaml as flat key/value pairs, in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path flinkConf) throws IOException {
        return YAML.readValue(flinkConf.resolve("config.yaml").toFile(), LinkedHashMap.class);
    }

    public static Path write(Path flinkConf, Path target, Map<String, ?> overrides) throws IOException {
        Map<String, Object> config = read(flinkConf);
        config.putAll(overrides);
        Files.createDirectories(target);
        YAML.writeValue(target.resolve("config.yaml").toFile(), config);
        Files.copy(flinkConf.resolve("log4j.properties"), target.resolve("log4j.properties"));
        return target;
    }
}
