package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.UsageException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.OnnxValidator;
import io.reelrank.udf.scoring.SessionLease;
import java.io.PrintStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;

/**
 * {@code validate <registry>/<name>/<version>}: runs on one model version exactly the checks the
 * running job runs before it swaps a version in (registry checks: metadata, name and version,
 * feature names and spec hash against this build's bundled feature spec, checksum; then {@link
 * OnnxValidator}: ONNX Runtime load, tensor signature, canary batch) and prints the verdict.
 * Exit code 0 when valid, 1 when invalid, 2 on a usage error. {@code --reelrank.scoring.*}
 * session options (device, threads, optimisation level) apply as in the job.
 */
public final class ValidateModelMain {
    private static final String VERB = "validate";

    static final Command COMMAND = JobCommand.namedWithOptions("ValidateModelMain",
                    "Runs on one model version the checks the running job runs before it swaps a version in, and "
                            + "prints the verdict: exit code 0 when valid, 1 when invalid, 2 on a usage error. The "
                            + "ONNX Runtime session options apply as in the job.",
                    ReelRankOptions.INTRA_OP_THREADS, ReelRankOptions.INTER_OP_THREADS,
                    ReelRankOptions.OPTIMIZATION_LEVEL, ReelRankOptions.MEMORY_ARENA, ReelRankOptions.DEVICE)
            .withOperands(VERB, "<registry>/<model-name>/<version>");

    private ValidateModelMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Path versionDir;
        Configuration config;
        try {
            Arguments arguments = COMMAND.parse(args);
            if (arguments.helpRequested()) {
                out.print(COMMAND.help());
                return 0;
            }
            versionDir = versionDir(arguments);
            config = JobCommand.settings(arguments);
        } catch (UsageException e) {
            out.println("usage: " + COMMAND.usageError(e));
            return 2;
        }
        Path modelDir = versionDir.getParent();
        FeatureSpec spec = FeatureSpec.bundled();
        ModelSource source = new ModelSource(
                modelDir.getParent().toString(), modelDir.getName(), spec.names(), spec.hash());
        String coordinates = modelDir.getName() + "/" + versionDir.getName();
        try {
            LoadedModel model = source.load(versionDir.getName());
            SessionLease validated = new OnnxValidator(JobSettings.sessionSettings(config)).validate(model);
            validated.close();
            out.println("VALID " + coordinates + " (" + model.location() + ")");
            out.println("  checksum   model.onnx sha256 " + model.sha256() + " matches model.json");
            out.println("  features   " + spec.width() + " names in the job's order, feature spec sha256 " + spec.hash());
            out.println("  signature  input '" + model.metadata().inputName() + "' float [batch, " + spec.width()
                    + "], output '" + model.metadata().outputName() + "' one score per row");
            out.println("  canary     finite scores" + (model.metadata().scoreRange() == null ? ""
                    : " within score_range " + model.metadata().scoreRange()) + " on " + validated.device());
            return 0;
        } catch (Exception e) {
            out.println("INVALID " + coordinates + ": " + e.getMessage());
            out.println("The running job rejects this version the same way and keeps serving its current one.");
            return 1;
        }
    }

    private static Path versionDir(Arguments arguments) {
        if (!VERB.equals(arguments.operands().get(0))) {
            throw new UsageException("the first argument is the verb " + VERB + ", not '" + arguments.operands().get(0) + "'");
        }
        Path versionDir = new Path(arguments.operands().get(1));
        if (versionDir.getParent() == null || versionDir.getParent().getParent() == null) {
            throw new UsageException("the model directory must be <registry>/<model-name>/<version>, got " + versionDir);
        }
        return versionDir;
    }
}
