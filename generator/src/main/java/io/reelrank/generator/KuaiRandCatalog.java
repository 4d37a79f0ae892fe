package io.reelrank.generator;

import io.reelrank.udf.contract.Video;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Reads the real KuaiRand-Pure catalog ({@code video_features_basic_pure.csv}): real video ids,
 * authors, category tags, durations and upload dates. A video's topic is its first category; the
 * few untagged videos share one extra topic. What the file lacks is drawn per row as in a
 * synthetic world: the embedding (from the topic), the latent quality, the time of day of the
 * upload (the file has dates only) and the duration where the file leaves it empty.
 */
final class KuaiRandCatalog {

    static final String UNTAGGED = "untagged";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** One video line; {@code durationMs} is null where the file leaves it empty. */
    private record Row(String videoId, String authorId, List<Integer> categories,
            LocalDate uploadDate, Long durationMs) {}

    private KuaiRandCatalog() {}

    static Catalog read(Path csv, WorldSettings settings) throws IOException {
        List<Row> rows = readRows(csv);
        List<String> topicLabels = topicLabels(rows);
        TopicSpace topicSpace =
                TopicSpace.labelled(topicLabels, settings.embeddingDim(), settings.seed());
        List<Video> videos = new ArrayList<>(rows.size());
        int[] topics = new int[rows.size()];
        double[] quality = new double[rows.size()];
        for (int j = 0; j < rows.size(); j++) {
            Row row = rows.get(j);
            SplittableRandom rng = Seeds.random(settings.seed(), Seeds.VIDEOS, j);
            topics[j] = topicLabels.indexOf(topicLabel(row));
            long durationMs = row.durationMs() == null ? Catalog.drawDurationMs(rng) : row.durationMs();
            long published = row.uploadDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    + rng.nextLong(DAY_MS);
            videos.add(new Video(
                    "v" + row.videoId(),
                    "c" + row.authorId(),
                    row.categories().stream().map(id -> "k" + id).toList(),
                    durationMs,
                    published,
                    topicSpace.embedding(topics[j], rng),
                    false));
            quality[j] = Catalog.drawQuality(rng);
        }
        return new Catalog(videos, topics, quality, topicLabels.size());
    }

    private static List<Row> readRows(Path csv) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(csv + " is empty; expected the KuaiRand video_features_basic CSV");
            }
            List<String> columns = CsvFields.split(header);
            int[] at = columnIndices(columns, csv,
                    "video_id", "author_id", "tag", "upload_dt", "video_duration");
            List<Row> rows = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvFields.split(line);
                if (fields.size() != columns.size()) {
                    throw new IOException(csv + ":" + lineNumber + " has " + fields.size()
                            + " fields, the header has " + columns.size());
                }
                try {
                    rows.add(new Row(fields.get(at[0]), fields.get(at[1]), categories(fields.get(at[2])),
                            LocalDate.parse(fields.get(at[3])), durationMs(fields.get(at[4]))));
                } catch (RuntimeException e) {
                    throw new IOException(csv + ":" + lineNumber + " is not a KuaiRand video row: "
                            + e.getMessage(), e);
                }
            }
            return rows;
        }
    }

    private static int[] columnIndices(List<String> columns, Path csv, String... names)
            throws IOException {
        int[] indices = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            indices[i] = columns.indexOf(names[i]);
            if (indices[i] < 0) {
                throw new IOException(csv + " has no column " + names[i] + "; columns are " + columns);
            }
        }
        return indices;
    }

    private static List<Integer> categories(String field) {
        return Arrays.stream(field.split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .map(Integer::valueOf)
                .toList();
    }

    /** The file writes durations as floats ("87433.0") and leaves some empty. */
    private static Long durationMs(String field) {
        return field.isBlank() ? null : Math.round(Double.parseDouble(field.trim()));
    }

    /** Categories in numeric order, then the untagged topic if any video lacks a category. */
    private static List<String> topicLabels(List<Row> rows) {
        TreeSet<Integer> firstCategories = new TreeSet<>();
        boolean anyUntagged = false;
        for (Row row : rows) {
            if (row.categories().isEmpty()) {
                anyUntagged = true;
            } else {
                firstCategories.add(row.categories().get(0));
            }
        }
        List<String> labels = new ArrayList<>();
        firstCategories.forEach(id -> labels.add("k" + id));
        if (anyUntagged) {
            labels.add(UNTAGGED);
        }
        return labels;
    }

    private static String topicLabel(Row row) {
        return row.categories().isEmpty() ? UNTAGGED : "k" + row.categories().get(0);
    }
}
