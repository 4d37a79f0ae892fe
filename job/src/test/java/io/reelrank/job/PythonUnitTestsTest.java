package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python side's own unit tests, run on every {@code mvn -B verify}: training, export and the
 * embedding step, with {@code /usr/bin/python3 -m unittest discover}. A failing Python test fails
 * the build, with unittest's report as the message; without torch, onnx or numpy they are skipped,
 * saying what to install.
 */
class PythonUnitTestsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"models/train/tests", "models/embeddings/tests"})
    void pythonUnitTestsPass(String testDir) throws Exception {
        TrainingPython.assumeAvailable();
        TrainingPython.Result result = TrainingPython.run(Duration.ofMinutes(15), "-m", "unittest", "discover", "-s", testDir);

        assertThat(result.exitCode()).as("python3 -m unittest discover -s %s:%n%s", testDir, result.output()).isZero();
        assertThat(result.output()).as("unittest found tests in " + testDir).containsPattern("Ran [1-9][0-9]* tests?");
    }
}
