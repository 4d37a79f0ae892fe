package io.reelrank.job.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classpath of the cluster's JVMs, standing in for a Flink distribution's lib/: this test
 * JVM's classpath (Flink runtime, web submission, RocksDB, the Prometheus reporter, log4j are
 * test dependencies of the job module) without what the job jar brings itself, plus the build's
 * {@code job/target/flink-lib} (ONNX Runtime, which production puts into lib/ as well). So the
 * job's code reaches the cluster only the way it does in production: inside the uploaded jar.
 */
final class ClusterClasspath {
    /** Where `mvn package` of the job module copies the jars that belong in Flink's lib/. */
    static final Path FLINK_LIB = Path.of("target", "flink-lib").toAbsolutePath();

    private ClusterClasspath() {}

    static String flinkLib() {
        Stream<String> distribution = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isReelRank(entry) && !isInTheJobJar(entry) && !isOnnxRuntime(entry));
        return Stream.concat(distribution, flinkLibJars().stream()).collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> flinkLibJars() {
        try (Stream<Path> jars = Files.list(FLINK_LIB)) {
            List<String> found = jars.filter(jar -> jar.toString().endsWith(".jar")).map(Path::toString).toList();
            if (found.isEmpty()) {
                throw new IllegalStateException(FLINK_LIB + " holds no jar; run `mvn package` of the job module first");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(FLINK_LIB + " is missing; run `mvn package` of the job module first", e);
        }
    }

    private static boolean isReelRank(String entry) {
        String name = new File(entry).getName();
        return new File(entry).isDirectory() || name.startsWith("reelrank-");
    }

    /**
     * The Kafka connector and clients are shaded into the job jar. In lib/ the connector would
     * even win over the jar's copy (org.apache.flink. loads parent-first) without finding the
     * clients there. The test's broker (kafka_2.13, Scala) has no place on a Flink cluster.
     */
    private static boolean isInTheJobJar(String entry) {
        String path = entry.replace(File.separatorChar, '/');
        return path.contains("/org/apache/kafka/") || path.contains("/org/scala-lang/")
                || path.contains("/org/apache/flink/flink-connector-kafka/");
    }

    /** Replaced by the copy in {@link #FLINK_LIB}, the one the docker images put into lib/. */
    private static boolean isOnnxRuntime(String entry) {
        return entry.replace(File.separatorChar, '/').contains("/com/microsoft/onnxruntime/");
    }
}
