package io.reelrank.job.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files a cluster test works with: its own directory under target/, and the built job jar. */
final class ClusterWorkDir {
    private ClusterWorkDir() {}

    /** Empties {@code dir}: logs of the previous run stay until the next one starts. */
    static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** The shaded jar `mvn package` of the job module builds (failsafe runs after package). */
    static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().matches("reelrank-job-.*\\.jar")).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one shaded job jar in target/, found " + jars
                        + "; run `mvn package` of the job module first");
            }
            return jars.get(0).toAbsolutePath();
        }
    }
}
