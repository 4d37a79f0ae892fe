package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.runtime.metrics.filter.ReporterFilter;
import org.apache.flink.runtime.metrics.groups.FrontMetricGroup;
import org.apache.flink.runtime.metrics.groups.ReporterScopedSettings;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.Test;

/**
 * How Flink's Prometheus reporter exports gauges, as docs/metrics.md says: a number as its value,
 * a boolean as 1 or 0, a string such as {@code modelVersion}'s {@code ranker/3} as 0.0. If a Flink
 * upgrade changes that, this fails and the doc (and the numeric twins of the string gauges) can
 * be revisited.
 */
class PrometheusGaugeExportTest {

    @Test
    void stringGaugesExportAsZeroNumbersAsTheirValueBooleansAsOneOrZero() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MetricConfig properties = new MetricConfig();
        properties.setProperty("port", String.valueOf(port));
        MetricReporter reporter = new PrometheusReporterFactory().createMetricReporter(properties);
        try {
            FrontMetricGroup<?> group = new FrontMetricGroup<>(
                    new ReporterScopedSettings(0, '.', ReporterFilter.getNoOpFilter(), Set.of(), Map.of()),
                    UnregisteredMetricGroups.createUnregisteredTaskManagerMetricGroup());
            reporter.notifyOfAddedMetric((Gauge<String>) () -> "ranker/3", "modelVersion", group);
            reporter.notifyOfAddedMetric((Gauge<Long>) () -> 3L, "modelVersionNumber", group);
            reporter.notifyOfAddedMetric((Gauge<Integer>) () -> 1, "modelPointerRejected", group);
            reporter.notifyOfAddedMetric((Gauge<Boolean>) () -> true, "aBooleanGauge", group);

            String scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(exported(scrape, "modelVersion")).isEqualTo(0.0);
            assertThat(exported(scrape, "modelVersionNumber")).isEqualTo(3.0);
            assertThat(exported(scrape, "modelPointerRejected")).isEqualTo(1.0);
            assertThat(exported(scrape, "aBooleanGauge")).isEqualTo(1.0);
        } finally {
            reporter.close();
        }
    }

    /** The value of the one sample in {@code scrape} whose metric name ends with {@code _name}. */
    private static double exported(String scrape, String name) {
        return scrape.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.matches("\\w+_" + name + "[{ ].*"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one sample named " + name + " in\n" + scrape);
                })
                .orElseThrow(() -> new AssertionError("no sample named " + name + " in\n" + scrape));
    }
}
