package io.reelrank.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BenchMain's command line as scripts/bench.sh and docs/benchmarks.md pass it. */
class BenchOptionsTest {

    @Test
    void theFullRunMeasuresEveryPartAtTheDocumentedSizes() {
        BenchOptions options = BenchOptions.parse(new String[0]);

        assertThat(options.quick()).isFalse();
        assertThat(options.parts()).isEqualTo(BenchOptions.PARTS);
        assertThat(options.candidatesPerRequest()).containsExactly(50, 200, 1000);
        assertThat(options.parallelism()).isEqualTo(2);
        assertThat(options.cuda()).isFalse();
        assertThat(options.latencyRate()).isEqualTo(500.0);
        assertThat(options.flinkSettings()).isEmpty();
        assertThat(options.models()).as("unset: the newest of each contract").isEmpty();
    }

    @Test
    void modelsAreNamedWithOrWithoutTheirRegistry() {
        BenchOptions options = BenchOptions.parse(new String[] {"--models", "ranker/1, target/dev-registry:ranker/2"});

        assertThat(options.models()).containsExactly("ranker/1", "target/dev-registry:ranker/2");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--models", ","}))
                .isInstanceOf(UsageException.class)
                .hasMessage("--models needs at least one [<registry>:]<name>/<version>");
    }

    @Test
    void theOptionsOfTheScriptAndFlinkOrReelRankSettingsParse() {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--device", "cuda", "--parallelism", "1",
            "--only", "ceiling,pipeline", "--candidates", "200", "--reelrank.scoring.max-batch-rows", "2048",
            "--taskmanager.memory.managed.size", "256 mb"});

        assertThat(options.quick()).isTrue();
        assertThat(options.cuda()).isTrue();
        assertThat(options.runs("pipeline")).isTrue();
        assertThat(options.runs("ranker")).isFalse();
        assertThat(options.candidatesPerRequest()).containsExactly(200);
        assertThat(options.flinkSettings()).containsExactly(Map.entry("reelrank.scoring.max-batch-rows", "2048"),
                Map.entry("taskmanager.memory.managed.size", "256 mb"));
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "ceiling,speed"}))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--only names 'speed'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--candidates", "50,lots"}))
                .isInstanceOf(UsageException.class).hasMessage("--candidates needs whole numbers, not 'lots'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--device", "tpu"}))
                .isInstanceOf(UsageException.class).hasMessage("--device is 'tpu'; use one of cpu, cuda");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--parallelism", "0"}))
                .isInstanceOf(UsageException.class).hasMessage("--parallelism must be >= 1");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--reelrank.scoring.max-batch-rows", "many"}))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--reelrank.scoring.max-batch-rows is 'many'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --fast");
    }

    @Test
    void theHelpListsTheBenchOptionsBeforeTheReelRankOnes() {
        String help = BenchOptions.COMMAND.help();

        assertThat(help).contains("  --only PARTS  (default: ceiling,ranker,pipeline,ingestion,latency,state,heap)\n");
        assertThat(help.indexOf("--latency-rate R")).isLessThan(help.indexOf("--reelrank.input"));
    }
}
