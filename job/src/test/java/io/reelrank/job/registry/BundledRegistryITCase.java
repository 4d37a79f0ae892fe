package io.reelrank.job.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.job.GeneratorInputs;
import io.reelrank.job.JobSettings;
import io.reelrank.job.ReelRankOptions;
import io.reelrank.job.ReelRankWorkflow;
import io.reelrank.udf.contract.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real topology, checkpointing, two scorer instances, with the model registry that the build
 * packages with the job ({@code jar:models/registry}): every request is scored by the bundled
 * default model.
 */
class BundledRegistryITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void scoresWithTheModelInsideTheJobJar() throws Exception {
        Configuration config = new Configuration();
        config.setString("execution.checkpointing.interval", "200 ms");
        config.setString("pipeline.generic-types", "false");
        config.setString("parallelism.default", "2");
        config.setString("restart-strategy.type", "none"); // a scorer that cannot open fails the test at once
        config.set(ReelRankOptions.MODEL_REGISTRY, "jar:models/registry");
        config.set(ReelRankOptions.GENERATOR_USERS, 20);
        config.set(ReelRankOptions.GENERATOR_VIDEOS, 60);
        config.set(ReelRankOptions.GENERATOR_ENGAGEMENTS, 2_000L);
        config.set(ReelRankOptions.GENERATOR_REQUESTS, 100L);
        config.set(ReelRankOptions.GENERATOR_CANDIDATES, 8);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ReelRankWorkflow.Outputs outputs = ReelRankWorkflow.define(
                GeneratorInputs.inputs(env, GeneratorInputs.world(config), config), JobSettings.from(config));
        List<Recommendation> recommendations = new ArrayList<>();
        try (CloseableIterator<Recommendation> answers = outputs.recommendations().collectAsync()) {
            var job = env.executeAsync("bundled-registry-itcase");
            answers.forEachRemaining(recommendations::add);
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        }

        assertThat(recommendations).hasSizeGreaterThanOrEqualTo(100)
                .allSatisfy(r -> assertThat(r.modelVersion()).isEqualTo("ranker/1"))
                .anySatisfy(r -> assertThat(r.items()).isNotEmpty());
    }
}
