package io.reelrank.eval.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.reelrank.generator.CsvFields;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Json;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.ingest.EngagementParser;
import io.reelrank.udf.ingest.InputLimits;
import io.reelrank.udf.ingest.ParseResult;
import io.reelrank.udf.ingest.VideoParser;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensImporterTest {

    static final Path TINY = Path.of("src/test/resources/movielens-tiny");
    /** 1998-07-09 is 540.33 days before 2000-01-01: whole days round up to 541. */
    static final long SHIFT_MS = 541L * 86_400_000L;

    @TempDir
    Path out;

    @Test
    void mapsEveryRatingAndMovieOfTheTinyFolder() throws Exception {
        MovieLensImporter.Summary summary = new MovieLensImporter(5).importFolder(TINY, out);

        assertThat(summary).isEqualTo(new MovieLensImporter.Summary(9, 15, 10, 3, SHIFT_MS));
        List<Engagement> engagements = engagements();
        assertThat(engagements).extracting(Engagement::ts).isSorted();
        assertThat(engagements.get(0).ts()).isEqualTo(900_000_000_000L + SHIFT_MS)
                .isGreaterThanOrEqualTo(InputLimits.MIN_TIMESTAMP_MS);
        assertThat(engagements).filteredOn(e -> e.userId().equals("u1"))
                .extracting(Engagement::videoId, Engagement::action, Engagement::watchMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("m10", Action.PLAY, MovieLensMapping.DURATION_MS),
                        org.assertj.core.groups.Tuple.tuple("m10", Action.LIKE, null),
                        org.assertj.core.groups.Tuple.tuple("m20", Action.PLAY, MovieLensMapping.DURATION_MS * 3 / 5),
                        org.assertj.core.groups.Tuple.tuple("m30", Action.SKIP, null),
                        org.assertj.core.groups.Tuple.tuple("m50", Action.PLAY, MovieLensMapping.DURATION_MS),
                        org.assertj.core.groups.Tuple.tuple("m50", Action.LIKE, null));
    }

    @Test
    void genresAndTopTagsBecomeTagsAndTheFirstGenreTheCreator() throws Exception {
        new MovieLensImporter(5).importFolder(TINY, out);
        Map<String, Video> videos = MovieLensImporter.readVideos(out).stream()
                .collect(Collectors.toMap(Video::videoId, Function.identity()));

        assertThat(videos.get("m10").tags()).containsExactly("action", "sci-fi", "space opera", "classic");
        assertThat(videos.get("m10").creatorId()).isEqualTo("genre:action");
        assertThat(videos.get("m20").creatorId()).isEqualTo("genre:comedy");
        assertThat(videos.get("m40").creatorId()).isEqualTo("genre:none");
        assertThat(videos.get("m40").tags()).isEmpty();
        assertThat(videos.get("m90").tags()).isEmpty(); // rated but not in movies.csv
        assertThat(videos.values()).allSatisfy(v -> {
            assertThat(v.durationMs()).isEqualTo(MovieLensMapping.DURATION_MS);
            assertThat(v.publishedTs()).isEqualTo(900_000_000_000L + SHIFT_MS); // the whole catalog from the start
        });
    }

    @Test
    void limitsTagsPerMovie() throws Exception {
        new MovieLensImporter(1).importFolder(TINY, out);
        Video alpha = MovieLensImporter.readVideos(out).stream().filter(v -> v.videoId().equals("m10")).findFirst().orElseThrow();
        assertThat(alpha.tags()).containsExactly("action", "sci-fi", "space opera");
    }

    @Test
    void everyWrittenRecordPassesTheJobsOwnParsers() throws Exception {
        new MovieLensImporter(5).importFolder(TINY, out);
        for (String line : Files.readAllLines(out.resolve(MovieLensImporter.ENGAGEMENTS))) {
            assertParsed(new EngagementParser().parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        for (String line : Files.readAllLines(out.resolve(MovieLensImporter.VIDEOS))) {
            assertParsed(new VideoParser().parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void worksWithoutTagsAndFailsClearlyWithoutRatings(@TempDir Path folder) throws Exception {
        Files.copy(TINY.resolve("movies.csv"), folder.resolve("movies.csv"));
        assertThatThrownBy(() -> new MovieLensImporter(5).importFolder(folder, out))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("ratings.csv");
        Files.copy(TINY.resolve("ratings.csv"), folder.resolve("ratings.csv"));
        assertThat(new MovieLensImporter(5).importFolder(folder, out).engagements()).isEqualTo(15);
    }

    @Test
    void splitsQuotedCsvFields() {
        assertThat(CsvFields.split("20,\"Beta, The \"\"Film\"\" (2001)\",Comedy"))
                .containsExactly("20", "Beta, The \"Film\" (2001)", "Comedy");
        assertThatThrownBy(() -> CsvFields.split("1,\"open")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertParsed(ParseResult<?> result) {
        assertThat(result.reason()).as("rejection").isNull();
    }

    private List<Engagement> engagements() throws Exception {
        return Files.readAllLines(out.resolve(MovieLensImporter.ENGAGEMENTS)).stream()
                .map(l -> Json.fromJson(l, Engagement.class)).toList();
    }
}
