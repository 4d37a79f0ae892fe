package io.reelrank.job;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;

/** Every key that Flink's option classes relevant to ReelRank's config.yaml declare. */
final class FlinkOptionKeys {
    private static final List<Class<?>> OPTION_CLASSES = List.of(CoreOptions.class, CheckpointingOptions.class,
            StateBackendOptions.class, RestartStrategyOptions.class, PipelineOptions.class, JobManagerOptions.class,
            TaskManagerOptions.class, RestOptions.class, WebOptions.class, MetricOptions.class, ClusterOptions.class,
            RocksDBConfigurableOptions.class, ExecutionOptions.class);

    private FlinkOptionKeys() {}

    static Set<String> all() throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> options : OPTION_CLASSES) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof ConfigOption<?> option) {
                    keys.add(option.key());
                }
            }
        }
        return keys;
    }
}
