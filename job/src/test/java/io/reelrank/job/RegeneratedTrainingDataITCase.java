package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.model.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training data made twice from the same generator settings must be the same bytes, so that the
 * {@code training_data_sha256} a model records names its data: TrainingDataMain's CSV and
 * FeatureLogMain's gathered examples, each written by the real mains over a small world on an
 * embedded Flink, where parallel operators interleave their output differently every run.
 */
class RegeneratedTrainingDataITCase {

    private static final List<String> SMALL_WORLD = List.of(
            "--reelrank.generator.seed", "7", "--reelrank.generator.users", "50",
            "--reelrank.generator.videos", "200", "--reelrank.generator.engagements", "3000",
            "--reelrank.generator.requests", "300", "--reelrank.scoring.model-registry", "../models/registry");

    @TempDir
    Path workspace;

    @Test
    void trainingDataMainWritesTheSameBytesEveryTime() throws Exception {
        byte[] first = trainingData("first.csv");
        byte[] second = trainingData("second.csv");

        assertThat(new String(first, 0, 20)).isEqualTo("# feature_spec_hash=");
        assertThat(new String(first).lines().count()).isGreaterThan(1_000);
        assertThat(ModelRegistry.sha256Hex(second)).isEqualTo(ModelRegistry.sha256Hex(first));
    }

    @Test
    void featureLogMainGathersTheSameExamplesEveryTime() throws Exception {
        byte[] first = featureLogExamples("first");
        byte[] second = featureLogExamples("second");

        assertThat(new String(first).lines().count()).isGreaterThan(1_000);
        assertThat(new String(first)).contains("\"label\":1");
        assertThat(ModelRegistry.sha256Hex(second)).isEqualTo(ModelRegistry.sha256Hex(first));
        // The histories beside them too: a sequence model trained twice sees the same inputs.
        byte[] firstRequests = Files.readAllBytes(FeatureLogSink.requestsBeside(
                workspace.resolve("first").resolve(FeatureLogMain.EXAMPLES_FILE)));
        byte[] secondRequests = Files.readAllBytes(FeatureLogSink.requestsBeside(
                workspace.resolve("second").resolve(FeatureLogMain.EXAMPLES_FILE)));
        assertThat(new String(firstRequests)).contains("\"history_video_ids\":[\"");
        assertThat(ModelRegistry.sha256Hex(secondRequests)).isEqualTo(ModelRegistry.sha256Hex(firstRequests));
    }

    private byte[] trainingData(String name) throws Exception {
        Path out = workspace.resolve(name);
        TrainingDataMain.main(arguments("--out", out.toString()));
        return Files.readAllBytes(out);
    }

    private byte[] featureLogExamples(String name) throws Exception {
        Path log = workspace.resolve(name);
        FeatureLogMain.main(arguments("--reelrank.feature-log.path", log.toString()));
        return Files.readAllBytes(log.resolve(FeatureLogMain.EXAMPLES_FILE));
    }

    private static String[] arguments(String... more) {
        return java.util.stream.Stream.concat(SMALL_WORLD.stream(), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }
}
