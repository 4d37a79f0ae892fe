package io.reelrank.udf.rank;

import io.reelrank.udf.catalog.PreparedVideo;
import io.reelrank.udf.catalog.VideoColumns;
import io.reelrank.udf.catalog.VideoEntry;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.UserFeatures;
import io.reelrank.udf.features.VideoStats;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes one float row per (user, candidate) in exactly the spec's order into a row-major
 * matrix, so a whole request becomes one array and, later, one tensor. Windows the spec
 * assumes must match the configured windows, or the job refuses to start.
 */
public final class FeatureAssembler implements VideoColumns {
    private final FeatureExtractor[] extractors;
    // The spec's definitions as columns, so a row costs no per-value lookups (see assemble).
    private final FeatureTransform[] transforms;
    private final float[] lower;
    private final float[] upper;
    private final float[] defaults;
    private final int[] userColumns;
    private final int[] candidateColumns;
    // Of the candidate columns: those of the video alone (prepared once per catalog entry) and the rest.
    private final int[] videoColumns;
    private final int[] pairColumns;

    public FeatureAssembler(FeatureSpec spec, FeatureStateSettings settings) {
        spec.windows().forEach((name, lengthMs) -> {
            long configured = settings.windows()[settings.windowIndex(name)].lengthMs();
            if (configured != lengthMs) {
                throw new IllegalArgumentException("window '" + name + "' is " + configured
                        + " ms in the job but " + lengthMs + " ms in the feature spec");
            }
        });
        List<FeatureDefinition> definitions = spec.features();
        int width = definitions.size();
        this.extractors = new FeatureExtractor[width];
        this.transforms = new FeatureTransform[width];
        this.lower = new float[width];
        this.upper = new float[width];
        this.defaults = new float[width];
        for (int i = 0; i < width; i++) {
            FeatureDefinition definition = definitions.get(i);
            extractors[i] = FeatureExtractors.forName(definition.name(), settings, spec);
            transforms[i] = FeatureTransform.named(definition.transform());
            lower[i] = definition.clip()[0];
            upper[i] = definition.clip()[1];
            defaults[i] = definition.defaultValue();
        }
        this.userColumns = IntStream.range(0, width)
                .filter(i -> FeatureExtractors.userOnly(definitions.get(i).name())).toArray();
        this.candidateColumns = IntStream.range(0, width)
                .filter(i -> !FeatureExtractors.userOnly(definitions.get(i).name())).toArray();
        this.videoColumns = IntStream.of(candidateColumns)
                .filter(i -> FeatureExtractors.videoOnly(definitions.get(i).name())).toArray();
        this.pairColumns = IntStream.of(candidateColumns)
                .filter(i -> !FeatureExtractors.videoOnly(definitions.get(i).name())).toArray();
    }

    public int width() {
        return extractors.length;
    }

    /**
     * A row whose columns that depend only on the user are filled in (the rest are 0): computed
     * once per request and passed to {@link #assemble} for each of its candidates.
     */
    public float[] userRow(UserFeatures user, long now) {
        float[] row = new float[extractors.length];
        for (int i : userColumns) {
            row[i] = value(i, user, null, now);
        }
        return row;
    }

    /**
     * Fills row {@code row} of {@code matrix} (row-major, {@link #width()} columns) for one
     * candidate: the user's columns copied from {@code userRow}, the others computed; each value
     * as {@link FeatureDefinition#apply} maps it. Runs for every candidate of every request, hence
     * the columns instead of per-value lookups.
     */
    public void assemble(UserFeatures user, float[] userRow, VideoEntry video, long now, float[] matrix, int row) {
        int offset = row * extractors.length;
        System.arraycopy(userRow, 0, matrix, offset, extractors.length);
        for (int i : candidateColumns) {
            matrix[offset + i] = value(i, user, video, now);
        }
    }

    /** The video-only columns of {@code video} with the one stats version {@code stats} (or none). */
    @Override
    public float[] of(Video video, VideoStats stats) {
        VideoEntry single = new VideoEntry(video, stats);
        long now = stats == null ? Long.MIN_VALUE : stats.asOfTs();
        float[] values = new float[videoColumns.length];
        for (int k = 0; k < videoColumns.length; k++) {
            values[k] = value(videoColumns[k], null, single, now);
        }
        return values;
    }

    /**
     * As {@link #assemble(UserFeatures, float[], VideoEntry, long, float[], int)}, with the
     * video-only columns copied from the prepared entry.
     */
    void assemble(UserFeatures user, float[] userRow, PreparedVideo video, long now, float[] matrix, int row) {
        int offset = row * extractors.length;
        System.arraycopy(userRow, 0, matrix, offset, extractors.length);
        float[] prepared = video.columnsAt(now);
        for (int k = 0; k < videoColumns.length; k++) {
            matrix[offset + videoColumns[k]] = prepared[k];
        }
        VideoEntry entry = video.entry();
        for (int i : pairColumns) {
            matrix[offset + i] = value(i, user, entry, now);
        }
    }

    private float value(int column, UserFeatures user, VideoEntry video, long now) {
        float raw = extractors[column].extract(user, video, now);
        return Float.isNaN(raw)
                ? defaults[column]
                : Math.max(lower[column], Math.min(upper[column], transforms[column].apply(raw)));
    }
}
