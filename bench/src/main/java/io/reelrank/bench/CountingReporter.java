package io.reelrank.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps every counter of the embedded cluster, so the benchmark
 * reads the job's own counters (candidates scored, records in) live and after the job ends.
 *
 * <p>The static registry is deliberate: Flink instantiates reporters reflectively from the
 * configuration, so the benchmark, in the same JVM, can reach them only through a static. Only
 * one job runs at a time; {@link #reset()} starts each one clean.
 */
public final class CountingReporter implements MetricReporter {

    private static final Map<String, List<Counter>> COUNTERS = new ConcurrentHashMap<>();

    /** Configuration entries that install this reporter on an embedded cluster. */
    static Map<String, String> configuration() {
        return Map.of("metrics.reporter.bench.factory.class", Factory.class.getName());
    }

    static void reset() {
        COUNTERS.clear();
    }

    /** The sum over all subtasks of the counters called {@code name}; removed ones keep their last value. */
    static long total(String name) {
        long sum = 0;
        for (Counter counter : COUNTERS.getOrDefault(name, List.of())) {
            sum += counter.getCount();
        }
        return sum;
    }

    /** Like {@link #total(String)}, only for operators whose name contains {@code operator}. */
    static long total(String operator, String name) {
        return total(operator + "/" + name);
    }

    /** The names of the counters seen so far, for error messages. */
    static String names() {
        return new java.util.TreeSet<>(COUNTERS.keySet()).toString();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter counter) {
            COUNTERS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(counter);
            String operator = group.getAllVariables().get("<operator_name>");
            if (operator != null) {
                COUNTERS.computeIfAbsent(operator + "/" + name, n -> new CopyOnWriteArrayList<>()).add(counter);
            }
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Kept: a finished job's counters are read after it ends.
    }

    /** Named in the configuration; Flink creates the reporter through it. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(java.util.Properties properties) {
            return new CountingReporter();
        }
    }
}
