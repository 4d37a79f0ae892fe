package io.reelrank.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * The progress line of a local run, printed to stderr at every reporting interval. Flink hands
 * the reporter the metrics the job registers anyway (docs/metrics.md): each source's {@code
 * recordsIn}, the {@code recommendations} of top-n, the dead letters ({@code recordsDeadLettered}
 * per source plus the ranker's {@code lateEvents}), the job's {@code numRestarts} and its status
 * ({@code <status>State} gauges). Counts are summed over subtasks, each subtask counting from its
 * latest (re)start, so a restart shows as counts that start again. Installed by {@link
 * EmbeddedFlink} only, never on a cluster.
 */
public final class ProgressReporter implements MetricReporter, Scheduled {
    static final String NAME = "progress";
    private static final String STATUS_SUFFIX = "State";
    /** The names of Flink's job status gauges, e.g. runningState. */
    private static final Set<String> STATUSES = Arrays.stream(JobStatus.values())
            .map(status -> status.name().toLowerCase(Locale.ROOT) + STATUS_SUFFIX).collect(Collectors.toSet());

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    /**
     * Counters by metric, source, operator and subtask: a restarted subtask's new counter replaces
     * its old one, and a finished subtask's counter keeps its count.
     */
    private final Map<String, Counter> recordsIn = new ConcurrentHashMap<>();
    private final Map<String, String> sourceOf = new ConcurrentHashMap<>();
    private final Map<String, Counter> recommendations = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Set<Gauge<?>> restarts = ConcurrentHashMap.newKeySet();
    /** Flink's job status gauges ({@code runningState}, {@code restartingState}, ...): 1 for the current status. */
    private final Map<Gauge<?>, String> statusGauges = new ConcurrentHashMap<>();

    ProgressReporter(PrintStream out) {
        this.out = out;
    }

    /** The configuration that installs the reporter on an embedded cluster, printing every {@code interval}. */
    static Map<String, String> configuration(Duration interval) {
        String prefix = "metrics.reporter." + NAME + ".";
        return Map.of(prefix + "factory.class", Factory.class.getName(),
                prefix + "interval", interval.toMillis() + " ms");
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> variables = group.getAllVariables();
        String source = variables.get("<source>");
        if (metric instanceof Counter counter) {
            String key = String.join("/", name, source, variables.get("<operator_id>"), variables.get("<subtask_index>"));
            if (name.equals("recordsIn") && source != null) {
                recordsIn.put(key, counter);
                sourceOf.put(key, source);
            } else if ((name.equals("recordsDeadLettered") && source != null) || name.equals("lateEvents")) {
                deadLetters.put(key, counter);
            } else if (name.equals("recommendations")) {
                recommendations.put(key, counter);
            }
        } else if (metric instanceof Gauge<?> gauge && name.equals("numRestarts")) {
            restarts.add(gauge);
        } else if (metric instanceof Gauge<?> gauge && STATUSES.contains(name)
                && !variables.containsKey("<task_name>")) {
            statusGauges.put(gauge, name.substring(0, name.length() - STATUS_SUFFIX.length()));
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        // Counters stay: a finished source keeps its count until the job ends.
        restarts.remove(metric);
        statusGauges.remove(metric);
    }

    @Override
    public void report() {
        if (recordsIn.isEmpty()) {
            return; // no task has started: the startup summary comes first
        }
        String status = currentStatus();
        if (status.equals("cancelling") || status.equals("ended")) {
            return; // stopping: the run's last line is its own
        }
        SortedMap<String, Long> in = new TreeMap<>();
        recordsIn.forEach((key, counter) -> in.merge(sourceOf.get(key), counter.getCount(), Long::sum));
        long restartCount = restarts.stream().map(Gauge::getValue)
                .mapToLong(value -> value instanceof Number n ? n.longValue() : 0).max().orElse(0);
        out.println(line(Duration.ofNanos(System.nanoTime() - startNanos), status, in, sum(recommendations),
                sum(deadLetters), restartCount));
        out.flush();
    }

    /** The job's status in lower case; "ended" in a final status, which has no gauge. */
    private String currentStatus() {
        for (Map.Entry<Gauge<?>, String> status : statusGauges.entrySet()) {
            if (status.getKey().getValue() instanceof Number value && value.longValue() == 1) {
                return status.getValue();
            }
        }
        return "ended";
    }

    /** One line, e.g. {@code progress 30s running | in: engagements 1,200, videos 300 | recommendations 50 | ...}. */
    static String line(Duration elapsed, String status, SortedMap<String, Long> recordsIn, long recommendations,
                       long deadLetters, long restarts) {
        String in = recordsIn.entrySet().stream()
                .map(source -> String.format(Locale.ROOT, "%s %,d", source.getKey(), source.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT,
                "progress %ds %s | in: %s | recommendations %,d | dead letters %,d | restarts %d",
                elapsed.toSeconds(), status, in, recommendations, deadLetters, restarts);
    }

    private static long sum(Map<String, Counter> counters) {
        return counters.values().stream().mapToLong(Counter::getCount).sum();
    }

    /** Named in the configuration; Flink creates the reporter through it. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new ProgressReporter(System.err);
        }
    }
}
