package io.reelrank.eval;

import io.reelrank.udf.ingest.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A bounded source over a local JSON-lines file: record i is line i, as the raw bytes a Kafka
 * topic would carry. The file is read when a reader opens rather than shipped inside the job
 * graph, so replays of millions of records do not bloat the submission.
 */
public final class JsonLinesSource implements GeneratorFunction<Long, RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String sourceName;
    private transient List<String> lines;

    private JsonLinesSource(Path path, String sourceName) {
        this.path = path.toAbsolutePath().toString();
        this.sourceName = sourceName;
    }

    /** A source of every line of {@code file}, in file order within each split. */
    public static DataGeneratorSource<RawRecord> of(Path file, String sourceName) throws IOException {
        long count;
        try (var stream = Files.lines(file)) {
            count = stream.count();
        }
        return new DataGeneratorSource<>(new JsonLinesSource(file, sourceName), count,
                RateLimiterStrategy.noOp(), TypeInformation.of(RawRecord.class));
    }

    @Override
    public void open(SourceReaderContext readerContext) throws Exception {
        lines = Files.readAllLines(Path.of(path), StandardCharsets.UTF_8);
    }

    @Override
    public RawRecord map(Long index) {
        return RawRecord.of(sourceName, index, lines.get(index.intValue()).getBytes(StandardCharsets.UTF_8));
    }
}
