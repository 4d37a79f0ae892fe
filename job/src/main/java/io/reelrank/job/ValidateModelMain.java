package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.UsageException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelMetadata;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.OnnxValidator;
import io.reelrank.udf.scoring.SessionLease;
import io.reelrank.udf.scoring.SessionSettings;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.flink.core.fs.Path;

/**
 * {@code [validate] <version dir>}: runs on one model version exactly the checks the running job
 * runs before it swaps a version in (registry checks: metadata, name and version, feature names
 * and spec hash against this build's bundled feature spec, checksum; then {@link OnnxValidator}:
 * ONNX Runtime load, tensor signature, canary batch) and prints the verdict. The directory may be
 * a registry version or a staged one anywhere ({@link StagedModel}). Exit code 0 when valid, 1
 * when invalid, 2 on a usage error. {@code --reelrank.scoring.*} session options (device,
 * threads, optimisation level) apply as in the job.
 */
public final class ValidateModelMain {
    private static final String VERB = "validate";

    static final Command COMMAND = JobCommand.namedWithOptions("ValidateModelMain",
                    "Runs on one model version the checks the running job runs before it swaps a version in, and "
                            + "prints the verdict on its first line: exit code 0 when valid, 1 when invalid, 2 on a "
                            + "usage error. The directory may also be a staged version outside the registry (the "
                            + "trainer's staging folder, a hidden .<version>.upload folder); its model.json names the "
                            + "version. The word validate is optional. The ONNX Runtime session options apply as in "
                            + "the job.",
                    ReelRankOptions.INTRA_OP_THREADS, ReelRankOptions.INTER_OP_THREADS,
                    ReelRankOptions.OPTIMIZATION_LEVEL, ReelRankOptions.MEMORY_ARENA, ReelRankOptions.DEVICE)
            .withOperands(VERB, "<registry>/<model-name>/<version>");

    private ValidateModelMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Path versionDir;
        SessionSettings session;
        try {
            Arguments arguments = COMMAND.parse(withVerb(args));
            if (arguments.helpRequested()) {
                out.print(COMMAND.help());
                return 0;
            }
            if (!VERB.equals(arguments.operands().get(0))) {
                throw new UsageException("the word " + VERB + " comes before the directory, not after it");
            }
            versionDir = new Path(arguments.operands().get(1));
            session = JobSettings.sessionSettings(JobCommand.settings(arguments));
        } catch (UsageException e) {
            out.println("usage: " + COMMAND.usageError(e));
            return 2;
        }
        if (check(versionDir, session, out) == null) {
            out.println("The running job rejects this version the same way and keeps serving its current one.");
            return 1;
        }
        return 0;
    }

    /**
     * Checks the version in {@code dir} and prints the verdict: {@code VALID <name>/<version>
     * (<model file>)} and what was checked, or {@code INVALID <name>/<version>: <reason>}.
     * Returns the model that passed, or null.
     */
    static StagedModel check(Path dir, SessionSettings session, PrintStream out) {
        FeatureSpec spec = FeatureSpec.bundled();
        String coordinates = dir.getParent() == null ? dir.getName() : dir.getParent().getName() + "/" + dir.getName();
        try {
            StagedModel staged = StagedModel.read(dir);
            coordinates = staged.version().toString();
            LoadedModel model = staged.load(spec);
            SessionLease validated = new OnnxValidator(session).validate(model);
            validated.close();
            out.println("VALID " + coordinates + " (" + model.location() + ")");
            out.println("  checksum   model.onnx sha256 " + model.sha256() + " matches model.json");
            out.println("  features   " + spec.width() + " names in the job's order, feature spec sha256 " + spec.hash());
            out.println("  signature  " + signature(model.metadata(), spec.width()));
            out.println("  canary     finite scores" + (model.metadata().scoreRange() == null ? ""
                    : " within score_range " + model.metadata().scoreRange()) + " on " + validated.device());
            return staged;
        } catch (Exception e) {
            out.println("INVALID " + coordinates + ": " + e.getMessage());
            return null;
        }
    }

    private static String signature(ModelMetadata metadata, int width) {
        if (!metadata.isV2()) {
            return "input '" + metadata.inputName() + "' float [batch, " + width + "], output '"
                    + metadata.outputName() + "' one score per row";
        }
        return "contract v2: inputs " + metadata.inputs() + (metadata.historyLength() == null ? ""
                : " (history_length " + metadata.historyLength() + ")") + ", heads " + metadata.outputs()
                + (metadata.vocabulary() == null ? "" : ", vocabulary of " + metadata.vocabulary().size()
                + " ids, sha256 verified");
    }

    /** The verb is optional, so that {@code scripts/reelrank validate-model <dir>} reads as it should. */
    private static String[] withVerb(String[] args) {
        if (Arrays.asList(args).contains(VERB)) {
            return args;
        }
        String[] all = new String[args.length + 1];
        all[0] = VERB;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
