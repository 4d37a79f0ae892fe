package io.reelrank.job;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python that trains models: Debian's {@code /usr/bin/python3} with torch, onnx and numpy, as
 * {@code .ci/run} installs them. Tests that need it call {@link #assumeAvailable()}, which skips
 * them with the command to install what is missing, so {@code mvn -B verify} passes without Python.
 */
final class TrainingPython {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String INSTALL = "apt-get install python3-torch python3-onnx python3-numpy";
    /** The repository root, seen from the job module where Maven runs its tests. */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static String missing;

    private TrainingPython() {}

    /** What one run printed (stdout and stderr together) and how it ended. */
    record Result(int exitCode, String output) {}

    static synchronized void assumeAvailable() throws Exception {
        if (missing == null) {
            missing = !Files.isExecutable(PYTHON) ? PYTHON + " is missing" : probe();
        }
        Assumptions.assumeTrue(missing.isEmpty(), () -> "skipped: " + missing + "; to run it, install them with: " + INSTALL);
    }

    private static String probe() throws Exception {
        Result imports = run(Duration.ofMinutes(2), "-c", "import torch, onnx, numpy");
        return imports.exitCode() == 0 ? "" : PYTHON + " cannot import torch, onnx and numpy ("
                + imports.output().strip().lines().reduce((first, last) -> last).orElse("no output") + ")";
    }

    /** Runs {@code /usr/bin/python3 args...} in the repository root; kills it when it outlasts {@code timeout}. */
    static Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
        command.addAll(List.of(args));
        File log = File.createTempFile("python-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile())
                    .redirectErrorStream(true).redirectOutput(log);
            // No __pycache__ folders in the source tree from a test run.
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, "killed after " + timeout + ": " + String.join(" ", command) + "\n"
                        + Files.readString(log.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
