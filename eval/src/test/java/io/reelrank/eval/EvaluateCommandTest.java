package io.reelrank.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.UsageException;
import org.junit.jupiter.api.Test;

/** EvaluateMain's command line as docs/evaluation.md runs it. */
class EvaluateCommandTest {

    @Test
    void theDocumentedRunParsesWithTheProtocolDefaults() {
        Arguments arguments = EvaluateMain.COMMAND.parse("--data", "target/ml/contract-emb", "--out", "target/ml/eval",
                "--train-points", "10", "--reelrank.scoring.model-registry", "target/ml/registry");

        assertThat(arguments.integer("train-points")).isEqualTo(10);
        assertThat(arguments.longInteger("seed")).isEqualTo(42);
        assertThat(arguments.integer("negatives")).isEqualTo(100);
        assertThat(arguments.has("training-out")).isFalse();
        assertThat(arguments.settings()).containsOnlyKeys("reelrank.scoring.model-registry");
    }

    @Test
    void theHelpListsTheProtocolOptionsAndTheReelRankOptions() {
        assertThat(EvaluateMain.COMMAND.help())
                .startsWith("usage: EvaluateMain --data DIR [options]\n")
                .contains("  --out DIR  (default: target/evaluation)\n", "  --negatives N  (default: 100)\n",
                        "  --reelrank.features.profile-half-life DURATION  (default: 6 h)\n");
    }

    @Test
    void theDataFolderIsRequired() {
        assertThatThrownBy(() -> EvaluateMain.COMMAND.parse("--out", "x"))
                .isInstanceOf(UsageException.class).hasMessage("--data DIR is required");
    }
}
