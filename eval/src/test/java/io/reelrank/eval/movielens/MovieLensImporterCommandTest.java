package io.reelrank.eval.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.UsageException;
import org.junit.jupiter.api.Test;

/** MovieLensImporter's command line as docs/evaluation.md runs it. */
class MovieLensImporterCommandTest {

    @Test
    void theDocumentedImportParsesWithFiveTagsPerMovie() {
        Arguments arguments = MovieLensImporter.COMMAND.parse("--movielens", "ml-latest-small", "--out", "target/ml/contract");

        assertThat(arguments.text("movielens")).isEqualTo("ml-latest-small");
        assertThat(arguments.integer("max-tags-per-movie")).isEqualTo(5);
    }

    @Test
    void bothFoldersAreRequiredAndOnlyTheImportersOptionsAccepted() {
        assertThatThrownBy(() -> MovieLensImporter.COMMAND.parse("--movielens", "ml"))
                .isInstanceOf(UsageException.class).hasMessage("--out DIR is required");
        assertThatThrownBy(() -> MovieLensImporter.COMMAND.parse("--movielens", "ml", "--out", "o", "--seed", "1"))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --seed");
    }
}
