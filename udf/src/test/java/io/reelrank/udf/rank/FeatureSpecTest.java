package io.reelrank.udf.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelrank.udf.features.FeatureStateSettings;
import io.reelrank.udf.features.WindowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    /** The source file the build packages; Maven runs tests in the module directory. */
    private static final Path SPEC_FILE = Path.of("../models/features.json");

    @Test
    void bundledSpecListsTheFilesFeaturesInOrder() throws Exception {
        List<String> inFile = new ArrayList<>();
        for (JsonNode feature : new ObjectMapper().readTree(Files.readAllBytes(SPEC_FILE)).get("features")) {
            inFile.add(feature.get("name").asText());
        }

        FeatureSpec spec = FeatureSpec.bundled();

        assertThat(spec.width()).isEqualTo(21);
        assertThat(spec.names()).hasSize(21).containsExactlyElementsOf(inFile);
        assertThat(spec.names().get(0)).isEqualTo("tag_cosine");
        assertThat(spec.names().get(19)).isEqualTo("user_has_history");
        assertThat(spec.names().get(20)).isEqualTo("video_plays_decayed_30d");
        assertThat(spec.windows()).containsEntry("1h", 3_600_000L).containsEntry("24h", 86_400_000L);
        assertThat(spec.halfLifeMs("30d")).isEqualTo(30L * 86_400_000L);
    }

    @Test
    void transformsAndDefaultsComeFromTheFile() {
        FeatureSpec spec = FeatureSpec.bundled();
        FeatureDefinition plays = spec.features().get(spec.names().indexOf("user_plays_1h"));
        FeatureDefinition affinity = spec.features().get(spec.names().indexOf("creator_affinity"));

        assertThat(plays.transform()).isEqualTo("log1p");
        assertThat(plays.clip()).containsExactly(0f, 10f);
        assertThat(plays.defaultValue()).isZero();
        assertThat(affinity.transform()).isEqualTo("signed_log1p");
        assertThat(affinity.clip()).containsExactly(-5f, 5f);
    }

    @Test
    void hashIsSha256OfTheFileWithLfLineEnds() throws Exception {
        byte[] file = Files.readAllBytes(SPEC_FILE);
        String lf = new String(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lf.getBytes(StandardCharsets.UTF_8)));

        assertThat(FeatureSpec.bundled().hash()).isEqualTo(expected).hasSize(64);
        assertThat(FeatureSpec.parse(file).hash()).isEqualTo(expected);
    }

    @Test
    void crlfCheckoutGivesTheSameHash() throws Exception {
        String lf = new String(Files.readAllBytes(SPEC_FILE), StandardCharsets.UTF_8).replace("\r\n", "\n");
        byte[] crlf = lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

        assertThat(crlf).isNotEqualTo(lf.getBytes(StandardCharsets.UTF_8));
        assertThat(FeatureSpec.parse(crlf).hash()).isEqualTo(FeatureSpec.bundled().hash());
        assertThat(FeatureSpec.parse(crlf).names()).isEqualTo(FeatureSpec.bundled().names());
    }

    @Test
    void anyEditChangesTheHash() throws Exception {
        String text = new String(Files.readAllBytes(SPEC_FILE), StandardCharsets.UTF_8);
        String edited = text.replace("\"clip\": [0.0, 10.0]", "\"clip\": [0.0, 11.0]");

        assertThat(edited).isNotEqualTo(text);
        assertThat(FeatureSpec.parse(edited.getBytes(StandardCharsets.UTF_8)).hash())
                .isNotEqualTo(FeatureSpec.bundled().hash());
    }

    @Test
    void specWithoutFeaturesIsRejected() {
        assertThatThrownBy(() -> FeatureSpec.parse("{\"features\": []}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no features");
    }

    @Test
    void assemblerRefusesWindowsThatDifferFromTheSpec() {
        FeatureStateSettings twoHourWindow = FeatureStateSettings.defaults().withWindows(
                WindowSpec.of("1h", Duration.ofHours(2), Duration.ofMinutes(5)),
                WindowSpec.of("24h", Duration.ofHours(24), Duration.ofHours(1)));
        FeatureStateSettings no24h = FeatureStateSettings.defaults().withWindows(
                WindowSpec.of("1h", Duration.ofHours(1), Duration.ofMinutes(5)));

        assertThatThrownBy(() -> new FeatureAssembler(FeatureSpec.bundled(), twoHourWindow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window '1h'");
        assertThatThrownBy(() -> new FeatureAssembler(FeatureSpec.bundled(), no24h))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24h");
        assertThat(new FeatureAssembler(FeatureSpec.bundled(), FeatureStateSettings.defaults()).width()).isEqualTo(21);
    }

    @Test
    void halfLivesMustBePositiveAndNamedOnesMustExist() {
        String noHalfLives = "{\"features\": [{\"name\": \"video_plays_decayed_30d\", \"computation\": \"?\","
                + " \"transform\": \"log1p\", \"clip\": [0, 15], \"default\": 0}]}";
        FeatureSpec spec = FeatureSpec.parse(noHalfLives.getBytes(StandardCharsets.UTF_8));
        String negative = "{\"half_lives\": {\"30d\": -1}," + noHalfLives.substring(1);

        assertThatThrownBy(() -> new FeatureAssembler(spec, FeatureStateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no half-life '30d'");
        assertThatThrownBy(() -> FeatureSpec.parse(negative.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void specNamingAnUnknownFeatureFailsAtAssembly() {
        String json = "{\"windows\": {}, \"features\": [{\"name\": \"user_mood\", \"computation\": \"?\","
                + " \"transform\": \"identity\", \"clip\": [0, 1], \"default\": 0}]}";
        FeatureSpec spec = FeatureSpec.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> new FeatureAssembler(spec, FeatureStateSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user_mood");
    }
}
