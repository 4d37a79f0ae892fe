package io.reelrank.udf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void looksUpEachIdAtItsLineAndUnknownOnesAtOne() throws Exception {
        Vocabulary vocabulary = read("[PAD]\n[UNK]\nv-a\nv-b\n", 4);

        assertThat(vocabulary.index("v-a")).isEqualTo(2);
        assertThat(vocabulary.index("v-b")).isEqualTo(3);
        assertThat(vocabulary.index("never-seen")).isEqualTo(Vocabulary.UNKNOWN_INDEX);
        assertThat(vocabulary.index(null)).isEqualTo(Vocabulary.UNKNOWN_INDEX);
        assertThat(vocabulary.index("[PAD]")).as("a reserved line is no video").isEqualTo(Vocabulary.UNKNOWN_INDEX);
        assertThat(vocabulary.size()).isEqualTo(4);
        assertThat(vocabulary.videoId(3)).isEqualTo("v-b");
    }

    @Test
    void readsAFileWithoutTheLastNewline() throws Exception {
        assertThat(read("[PAD]\n[UNK]\nv-a", 3).index("v-a")).isEqualTo(2);
    }

    @Test
    void rejectsBytesThatDoNotMatchTheChecksum() {
        byte[] bytes = "[PAD]\n[UNK]\nv-a\n".getBytes(StandardCharsets.UTF_8);
        ModelMetadata.VocabularyFile declared = new ModelMetadata.VocabularyFile("vocabulary.txt", "0".repeat(64), 3);

        assertThatThrownBy(() -> Vocabulary.read(bytes, declared, "v/vocabulary.txt"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageStartingWith("v/vocabulary.txt has sha256 " + ModelRegistry.sha256Hex(bytes))
                .hasMessageContaining("re-export this version");
    }

    @Test
    void rejectsASizeOtherThanDeclared() {
        assertThatThrownBy(() -> read("[PAD]\n[UNK]\nv-a\n", 4))
                .hasMessageContaining("has 3 lines but model.json says vocabulary size = 4");
    }

    @Test
    void rejectsAFileWithoutTheReservedLinesFirst() {
        assertThatThrownBy(() -> read("[UNK]\n[PAD]\nv-a\n", 3))
                .hasMessageContaining("must start with the lines [PAD] and [UNK]");
    }

    @Test
    void rejectsAnIdListedTwice() {
        assertThatThrownBy(() -> read("[PAD]\n[UNK]\nv-a\nv-b\nv-a\n", 5))
                .hasMessageContaining("lists video id 'v-a' on lines 2 and 4");
        assertThatThrownBy(() -> read("[PAD]\n[UNK]\n[UNK]\n", 3))
                .hasMessageContaining("lists video id '[UNK]' on lines 1 and 2");
    }

    private static Vocabulary read(String text, int size) throws InvalidModelException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Vocabulary.read(bytes,
                new ModelMetadata.VocabularyFile("vocabulary.txt", ModelRegistry.sha256Hex(bytes), size), "vocabulary.txt");
    }
}
