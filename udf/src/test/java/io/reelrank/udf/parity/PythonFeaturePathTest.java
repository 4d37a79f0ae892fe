package io.reelrank.udf.parity;

import static org.assertj.core.api.Assertions.assertThat;


import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.ScoringTask;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Train/serve parity on every build: the training side's feature path
 * ({@code models/train/features_from_events.py}, run as a subprocess with the python3 on PATH)
 * and the Java operators must produce the same rows to 1e-6, and the same request histories (ids
 * and action codes exactly, ages to 1e-6), on the golden scenario and on seeded random ones in
 * both ranking modes. Skipped, saying so, where python3 is absent.
 */
class PythonFeaturePathTest {
    private static final Path SCRIPT = Path.of("..", "models", "train", "features_from_events.py");
    private static final FeatureSpec SPEC = FeatureSpec.bundled();
    private static String python;

    @BeforeAll
    static void findPython() {
        Optional<Path> found = onPath("python3");
        Assumptions.assumeTrue(found.isPresent(),
                "python3 is not on PATH: the Python side of the train/serve parity test is skipped");
        python = found.get().toString();
    }

    @Test
    void pythonFeaturePathReproducesJavaOnTheGoldenScenario() throws Exception {
        assertPythonAgreesWithJava(GoldenScenarioTest.EVENTS);
    }

    @ParameterizedTest(name = "seed {0}, event-time aligned {1}")
    @CsvSource({"1, true", "2, false", "3, true", "4, false"})
    void pythonFeaturePathReproducesJavaOnRandomScenarios(long seed, boolean aligned, @TempDir Path dir) throws Exception {
        assertPythonAgreesWithJava(RandomScenario.write(dir.resolve("events.jsonl"), seed, aligned, 400));
    }

    private static void assertPythonAgreesWithJava(Path events) throws Exception {
        List<ScoringTask> tasks = JavaFeaturePath.tasks(ScenarioEvents.read(events), SPEC);
        List<FeatureRow> java = tasks.stream().flatMap(task -> FeatureRow.of(task).stream()).toList();
        assertThat(java).as("a scenario without rows proves nothing").hasSizeGreaterThan(20);
        assertThat(tasks).as("a scenario without histories proves nothing")
                .filteredOn(task -> task.history().size() > 1).hasSizeGreaterThan(5);
        Path requests = Files.createTempFile("python-requests", ".jsonl");
        try {
            FeatureRows.assertAgree(java, runPython(events, requests), SPEC.names(), 1e-6, "java", "python");
            RequestHistoryLine.assertAgree(tasks.stream().map(RequestHistoryLine::of).toList(),
                    RequestHistoryLine.readLines(Files.readAllLines(requests)), 1e-6, "java", "python");
        } finally {
            Files.delete(requests);
        }
    }

    private static List<FeatureRow> runPython(Path events, Path requests) throws Exception {
        Process process = new ProcessBuilder(python, SCRIPT.toString(), events.toString(),
                "--feature-spec", Path.of("..", "models", "features.json").toString(),
                "--requests", requests.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        assertThat(process.exitValue()).as("python exit code").isZero();
        return FeatureRows.readLines(new String(out, StandardCharsets.UTF_8).lines().toList());
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
