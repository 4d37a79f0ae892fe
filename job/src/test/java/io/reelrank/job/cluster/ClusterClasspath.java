package io.reelrank.job.cluster;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The classpath of the cluster's JVMs: this test JVM's classpath (Flink runtime, web
 * submission, RocksDB, the Prometheus reporter, log4j and ONNX Runtime are all test
 * dependencies of the job module) without ReelRank's own classes and the Kafka broker, so the
 * job's code reaches the cluster only the way it does in production: inside the uploaded jar.
 */
final class ClusterClasspath {
    private ClusterClasspath() {}

    static String flinkLib() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isReelRank(entry) && !isKafkaBroker(entry))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean isReelRank(String entry) {
        String name = new File(entry).getName();
        return new File(entry).isDirectory() || name.startsWith("reelrank-");
    }

    /** The test's broker (kafka_2.13, Scala, ...) must not leak into Flink's lib/. */
    private static boolean isKafkaBroker(String entry) {
        String path = entry.replace(File.separatorChar, '/');
        return path.contains("/org/apache/kafka/") || path.contains("/org/scala-lang/");
    }
}
