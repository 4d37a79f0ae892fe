package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class LocalRuntimeTest {

    @Test
    void theEmbeddedRuntimeRunsTheClustersConfigYamlExceptWhatOnlyContainersNeed() {
        Map<String, String> cluster = GlobalConfiguration.loadConfiguration("../flink-conf").toMap();
        Map<String, String> local = LocalRuntime.configuration(Map.of(), "test").toMap();

        Set<String> keys = new HashSet<>(cluster.keySet());
        keys.addAll(local.keySet());
        keys.removeIf(key -> Objects.equals(cluster.get(key), local.get(key)));

        assertThat(keys).containsExactlyInAnyOrder(
                "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir",
                "execution.checkpointing.externalized-checkpoint-retention",
                "jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.bind-host",
                "rest.address", "rest.bind-address", "rest.bind-port",
                "taskmanager.numberOfTaskSlots",
                "jobmanager.memory.process.size", "taskmanager.memory.process.size",
                "taskmanager.memory.task.off-heap.size",
                "metrics.reporter.prom.factory.class", "metrics.reporter.prom.port");
        assertThat(local.values()).noneMatch(value -> value.contains("/opt/flink"));
        assertThat(local).containsEntry("pipeline.object-reuse", "true")
                .containsEntry("execution.buffer-timeout.interval", "5 ms");
    }

    @Test
    void argumentsWinOverTheFile() {
        Configuration config = LocalRuntime.configuration(
                Map.of("pipeline.object-reuse", "false", "parallelism.default", "3"), "test");

        assertThat(config.toMap()).containsEntry("pipeline.object-reuse", "false")
                .containsEntry("parallelism.default", "3");
    }

    @Test
    void aJobRunsOnItWithMoreParallelInstancesThanAClusterTaskManagerHasSlots() throws Exception {
        Configuration config = LocalRuntime.configuration(Map.of("parallelism.default", "3"), "test");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);

        List<Long> doubled = env.fromSequence(1, 30).map(n -> 2 * n).executeAndCollect(100);

        assertThat(doubled).hasSize(30).contains(2L, 60L);
    }
}
