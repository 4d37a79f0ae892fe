package io.reelrank.job;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTableTest {

    @Test
    void readmeTableMatchesTheOptionsClass() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- options:start -->\n");
        int end = readme.indexOf("<!-- options:end -->");
        assertThat(start).as("README has the options markers").isNotNegative();
        String table = readme.substring(start + "<!-- options:start -->\n".length(), end);
        assertThat(table)
                .as("README option table; regenerate with io.reelrank.job.OptionsTable")
                .isEqualTo(OptionsTable.markdown());
    }

    @Test
    void everyOptionHasADescriptionAndTheReelRankPrefix() {
        assertThat(OptionsTable.options()).isNotEmpty().allSatisfy(option -> {
            assertThat(option.key()).startsWith("reelrank.");
            assertThat(option.description().getBlocks()).isNotEmpty();
        });
    }

    @Test
    void windowOptionParsesIntoTheSpecWindows() {
        var windows = FeatureConfig.windows(ReelRankOptions.WINDOWS.defaultValue());
        assertThat(windows).extracting(w -> w.name() + "=" + w.lengthMs() + "/" + w.bucketMs())
                .containsExactly("1h=3600000/300000", "24h=86400000/3600000");
    }
}
