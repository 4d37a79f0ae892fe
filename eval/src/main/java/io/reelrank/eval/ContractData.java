package io.reelrank.eval;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A replayable data set in ReelRank's contract format: a folder with {@code videos.jsonl} and
 * {@code engagements.jsonl}, one contract JSON object per line. Engagements are kept in event
 * time order (ties in file order), the order the replay feeds them.
 */
public record ContractData(List<Video> videos, List<Engagement> engagements) {

    public static final String VIDEOS = "videos.jsonl";
    public static final String ENGAGEMENTS = "engagements.jsonl";

    public static ContractData read(Path folder) throws IOException {
        List<Video> videos = lines(folder.resolve(VIDEOS), Video.class);
        List<Engagement> engagements = new ArrayList<>(lines(folder.resolve(ENGAGEMENTS), Engagement.class));
        engagements.sort(Comparator.comparingLong(Engagement::ts));
        return new ContractData(List.copyOf(videos), List.copyOf(engagements));
    }

    private static <T> List<T> lines(Path file, Class<T> type) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> !line.isBlank()).map(line -> Json.fromJson(line, type)).toList();
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
