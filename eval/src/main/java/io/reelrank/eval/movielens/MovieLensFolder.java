package io.reelrank.eval.movielens;

import io.reelrank.generator.CsvFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a folder in the MovieLens "latest" layout: {@code ratings.csv} and {@code movies.csv}
 * are required, {@code tags.csv} is optional. Columns are found by their header names, so
 * extra or reordered columns do not matter.
 */
public final class MovieLensFolder {

    public record Rating(String userId, String movieId, double rating, long timestampSeconds) {}

    public record Movie(String movieId, String title, List<String> genres) {}

    public record Tag(String movieId, String tag) {}

    private final Path folder;

    public MovieLensFolder(Path folder) {
        this.folder = folder;
    }

    public List<Rating> ratings() throws IOException {
        List<Rating> ratings = new ArrayList<>();
        read("ratings.csv", true, row -> ratings.add(new Rating(row.get("userId"), row.get("movieId"),
                Double.parseDouble(row.get("rating")), Long.parseLong(row.get("timestamp")))));
        return ratings;
    }

    public List<Movie> movies() throws IOException {
        List<Movie> movies = new ArrayList<>();
        read("movies.csv", true, row -> movies.add(new Movie(row.get("movieId"), row.get("title"),
                genres(row.get("genres")))));
        return movies;
    }

    /** The tag applications, or none when the folder has no tags.csv. */
    public List<Tag> tags() throws IOException {
        List<Tag> tags = new ArrayList<>();
        read("tags.csv", false, row -> tags.add(new Tag(row.get("movieId"), row.get("tag"))));
        return tags;
    }

    private static List<String> genres(String field) {
        List<String> genres = new ArrayList<>();
        for (String genre : field.split("\\|")) {
            String trimmed = genre.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("(")) { // "(no genres listed)"
                genres.add(trimmed);
            }
        }
        return genres;
    }

    private interface RowHandler {
        void accept(Map<String, String> row);
    }

    private void read(String file, boolean required, RowHandler handler) throws IOException {
        Path path = folder.resolve(file);
        if (!Files.exists(path)) {
            if (required) {
                throw new NoSuchFileException(path.toString(), null, "a MovieLens folder needs " + file);
            }
            return;
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException(path + " is empty; expected a header row");
            }
            List<String> columns = CsvFields.split(header.replace("\uFEFF", ""));
            String line;
            long number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvFields.split(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.size() && i < fields.size(); i++) {
                    row.put(columns.get(i).trim(), fields.get(i));
                }
                try {
                    handler.accept(row);
                } catch (RuntimeException e) {
                    throw new IOException(path + " line " + number + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
