package io.reelrank.eval;

import io.reelrank.udf.contract.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The result of one evaluation run: a printed table, a JSON file and a PNG bar chart. */
public record EvaluationReport(String data, Map<String, Object> protocol, int users, int answered,
                               String modelVersion, double replaySeconds, long deadLetters,
                               List<MethodScores.Result> results) {

    public String table() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-34s %8s %9s %9s%n", "method", "HR@10", "NDCG@10", "requests"));
        for (MethodScores.Result r : results) {
            table.append(String.format(Locale.ROOT, "%-34s %8.4f %9.4f %9d%n", r.method(), r.hitRate(), r.ndcg(),
                    r.requests()));
        }
        return table.toString();
    }

    /** The same table as Markdown, for docs. */
    public String markdown() {
        StringBuilder table = new StringBuilder("| method | HR@10 | NDCG@10 |\n| --- | --- | --- |\n");
        for (MethodScores.Result r : results) {
            table.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f |%n", r.method(), r.hitRate(), r.ndcg()));
        }
        return table.toString();
    }

    public void writeJson(Path file) throws IOException {
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    public void writeChart(Path file, String title) throws IOException {
        // Room for each method's name under its bars; slanted, as the names are long.
        int width = Math.max(900, 150 * results.size());
        CategoryChart chart = new CategoryChartBuilder().width(width).height(540).title(title)
                .xAxisTitle("method").yAxisTitle("over " + (results.isEmpty() ? 0 : results.get(0).requests())
                        + " test users").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.000");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> methods = results.stream().map(MethodScores.Result::method).toList();
        chart.addSeries("HR@10", methods, results.stream().map(MethodScores.Result::hitRate).toList());
        chart.addSeries("NDCG@10", methods, results.stream().map(MethodScores.Result::ndcg).toList());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
