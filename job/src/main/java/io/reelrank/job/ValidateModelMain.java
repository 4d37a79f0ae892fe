package io.reelrank.job;

import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.rank.FeatureSpec;
import io.reelrank.udf.scoring.OnnxValidator;
import io.reelrank.udf.scoring.SessionLease;
import java.io.PrintStream;
import java.util.Arrays;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.ParameterTool;

/**
 * {@code validate <registry>/<name>/<version>}: runs on one model version exactly the checks the
 * running job runs before it swaps a version in (registry checks: metadata, name and version,
 * feature names and spec hash against this build's bundled feature spec, checksum; then {@link
 * OnnxValidator}: ONNX Runtime load, tensor signature, canary batch) and prints the verdict.
 * Exit code 0 when valid, 1 when invalid, 2 on a usage error. {@code --reelrank.scoring.*}
 * session options (device, threads, optimisation level) apply as in the job.
 */
public final class ValidateModelMain {
    private ValidateModelMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length < 2 || !"validate".equals(args[0])) {
            out.println("usage: ValidateModelMain validate <registry>/<model-name>/<version> [--reelrank.scoring.device cpu]");
            return 2;
        }
        Path versionDir = new Path(args[1]);
        Path modelDir = versionDir.getParent();
        if (modelDir == null || modelDir.getParent() == null) {
            out.println("usage: the model directory must be <registry>/<model-name>/<version>, got " + args[1]);
            return 2;
        }
        Configuration config = Configuration.fromMap(
                ParameterTool.fromArgs(Arrays.copyOfRange(args, 2, args.length)).toMap());
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
}
