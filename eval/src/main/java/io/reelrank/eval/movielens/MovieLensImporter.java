package io.reelrank.eval.movielens;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.eval.movielens.MovieLensFolder.Movie;
import io.reelrank.eval.movielens.MovieLensFolder.Rating;
import io.reelrank.eval.movielens.MovieLensFolder.Tag;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a MovieLens-layout folder into ReelRank contract JSON lines: {@code videos.jsonl}
 * (one catalog entry per movie) and {@code engagements.jsonl} (sorted by event time, ties in
 * file order). Works on any folder of that layout; nothing depends on one data set's ids or
 * years.
 */
public final class MovieLensImporter {
    static final Command COMMAND = Command.named("MovieLensImporter",
                    "Turns a MovieLens-layout folder into ReelRank contract JSON lines: videos.jsonl and "
                            + "engagements.jsonl, sorted by event time.")
            .with(Option.text("movielens", "DIR", "The MovieLens-layout folder (ratings.csv and movies.csv; tags.csv optional).")
                            .asRequired(),
                    Option.text("out", "DIR", "Where the two files are written.").asRequired(),
                    Option.integer("max-tags-per-movie", "N", "Free-text tags kept per movie, the most applied first.")
                            .withDefault(5));

    /** Counts of what one import wrote. */
    public record Summary(int videos, int engagements, int ratings, int users, long shiftMs) {}

    public static final String VIDEOS = "videos.jsonl";
    public static final String ENGAGEMENTS = "engagements.jsonl";

    private final int maxTagsPerMovie;

    public MovieLensImporter(int maxTagsPerMovie) {
        this.maxTagsPerMovie = maxTagsPerMovie;
    }

    public static void main(String[] args) throws Exception {
        COMMAND.run(args, MovieLensImporter::importAndReport);
    }

    private static void importAndReport(Arguments arguments) throws IOException {
        Path out = Path.of(arguments.text("out"));
        Summary summary = new MovieLensImporter(arguments.integer("max-tags-per-movie"))
                .importFolder(Path.of(arguments.text("movielens")), out);
        System.out.printf("imported %d ratings of %d users into %d engagements and %d videos in %s (times shifted by %d days)%n",
                summary.ratings(), summary.users(), summary.engagements(), summary.videos(), out,
                summary.shiftMs() / 86_400_000L);
    }

    public Summary importFolder(Path movieLens, Path out) throws IOException {
        MovieLensFolder folder = new MovieLensFolder(movieLens);
        List<Rating> ratings = new ArrayList<>(folder.ratings());
        if (ratings.isEmpty()) {
            throw new IOException(movieLens.resolve("ratings.csv") + " has no ratings");
        }
        ratings.sort(Comparator.comparingLong(Rating::timestampSeconds)); // stable: ties keep file order
        MovieLensMapping mapping = new MovieLensMapping(ratings.get(0).timestampSeconds());
        Files.createDirectories(out);

        Map<String, List<String>> extraTags = topTags(folder.tags());
        Set<String> listed = new LinkedHashSet<>();
        int videos = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve(VIDEOS))) {
            for (Movie movie : folder.movies()) {
                if (listed.add(movie.movieId())) {
                    write(writer, mapping.video(movie, extraTags.getOrDefault(movie.movieId(), List.of())));
                    videos++;
                }
            }
            for (Rating rating : ratings) {
                if (listed.add(rating.movieId())) {
                    write(writer, mapping.unlistedVideo(rating.movieId()));
                    videos++;
                }
            }
        }
        int engagements = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve(ENGAGEMENTS))) {
            for (Rating rating : ratings) {
                for (Engagement engagement : mapping.engagements(rating)) {
                    write(writer, engagement);
                    engagements++;
                }
            }
        }
        int users = (int) ratings.stream().map(Rating::userId).distinct().count();
        return new Summary(videos, engagements, ratings.size(), users, mapping.shiftMs());
    }

    /** Each movie's most applied free-text tags, most frequent first, ties alphabetical. */
    private Map<String, List<String>> topTags(List<Tag> tags) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (Tag tag : tags) {
            String normalised = MovieLensMapping.normalise(tag.tag());
            if (!normalised.isEmpty()) {
                counts.computeIfAbsent(tag.movieId(), k -> new HashMap<>()).merge(normalised, 1L, Long::sum);
            }
        }
        Map<String, List<String>> top = new HashMap<>();
        counts.forEach((movie, byTag) -> top.put(movie, byTag.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(maxTagsPerMovie)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList())));
        return top;
    }

    private static void write(BufferedWriter writer, Object record) throws IOException {
        writer.write(Json.toJson(record));
        writer.write('\n');
    }

    /** Video records read back, used by tests and the evaluation. */
    static List<Video> readVideos(Path out) throws IOException {
        return Files.readAllLines(out.resolve(VIDEOS)).stream().map(l -> Json.fromJson(l, Video.class)).toList();
    }
}
