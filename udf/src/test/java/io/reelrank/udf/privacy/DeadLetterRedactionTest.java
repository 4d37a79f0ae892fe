package io.reelrank.udf.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelrank.udf.contract.DeadLetter;
import io.reelrank.udf.ingest.DeadLetters;
import org.junit.jupiter.api.Test;

class DeadLetterRedactionTest {
    private static final UserIdPseudonyms PSEUDONYMS = new UserIdPseudonyms(UserIdPseudonymsTest.SECRET);
    private static final String U42 = PSEUDONYMS.pseudonym("u42");

    private static DeadLetter letter(String raw, String encoding) {
        return new DeadLetter("engagements", 3, 17, "late event", raw, encoding, 1_700_000_000_000L);
    }

    @Test
    void replacesEveryUserIdInWellFormedRecordsAndKeepsTheRest() throws Exception {
        DeadLetter in = letter("{\"user_id\":\"u42\",\"video_id\":\"v1\",\"ts\":4102444796999}", DeadLetter.UTF8);
        DeadLetter out = new DeadLetterRedaction(PSEUDONYMS, 1000).map(in);
        assertThat(out.raw()).isEqualTo("{\"user_id\":\"" + U42 + "\",\"video_id\":\"v1\",\"ts\":4102444796999}");
        assertThat(out).usingRecursiveComparison().ignoringFields("raw").isEqualTo(in);
    }

    @Test
    void findsIdsInRecordsTooBrokenToParseAndDecodesEscapes() throws Exception {
        DeadLetter in = letter("{\"user_id\" :  \"u\\u00342\", \"user_id\":\"u42\", \"video_id\": ", DeadLetter.UTF8);
        DeadLetter out = new DeadLetterRedaction(PSEUDONYMS, 1000).map(in);
        assertThat(out.raw()).isEqualTo("{\"user_id\" :  \"" + U42 + "\", \"user_id\":\"" + U42 + "\", \"video_id\": ")
                .doesNotContain("u42");
    }

    @Test
    void aNumberWhereTheIdStringBelongsIsPseudonymisedToo() throws Exception {
        DeadLetter in = letter("{\"user_id\": 42, \"video_id\":\"v1\"}", DeadLetter.UTF8);
        assertThat(new DeadLetterRedaction(PSEUDONYMS, 1000).map(in).raw())
                .isEqualTo("{\"user_id\": \"" + PSEUDONYMS.pseudonym("42") + "\", \"video_id\":\"v1\"}");
    }

    @Test
    void withholdsBytesThatAreNotText() throws Exception {
        DeadLetter out = new DeadLetterRedaction(PSEUDONYMS, 1000).map(letter("/w==", DeadLetter.BASE64));
        assertThat(out.raw()).isEmpty();
        assertThat(out.reason()).isEqualTo("late event" + DeadLetterRedaction.WITHHELD);
    }

    @Test
    void withoutPseudonymsOnlyCutsTheRawText() throws Exception {
        DeadLetter in = letter("{\"user_id\":\"u42\",\"video_id\":\"v1\"}", DeadLetter.UTF8);
        assertThat(new DeadLetterRedaction(null, 1000).map(in)).isEqualTo(in);
        DeadLetter cut = new DeadLetterRedaction(null, 10).map(in);
        assertThat(cut.raw()).isEqualTo("{\"user_id\"");
        assertThat(cut.reason()).isEqualTo("late event" + DeadLetters.TRUNCATED);
        assertThat(new DeadLetterRedaction(null, 0).map(in).raw()).isEmpty();
    }

    @Test
    void cutsBase64ToWholeGroupsAndMarksTheReasonOnce() throws Exception {
        DeadLetter in = new DeadLetter("videos", 0, 1, "bad bytes" + DeadLetters.TRUNCATED, "AAECAwQF", DeadLetter.BASE64, 1L);
        DeadLetter cut = new DeadLetterRedaction(null, 7).map(in);
        assertThat(cut.raw()).isEqualTo("AAEC");
        assertThat(cut.reason()).isEqualTo("bad bytes" + DeadLetters.TRUNCATED);
    }
}
