package io.reelrank.job;

import io.reelrank.cli.Arguments;
import io.reelrank.cli.Command;
import io.reelrank.cli.Option;
import io.reelrank.cli.UsageException;
import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.scoring.SessionSettings;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.flink.core.fs.Path;

/**
 * {@code <staged version dir> --registry <root> [--set-current]}: validates a staged model version
 * exactly as {@link ValidateModelMain} does and only then publishes it into the registry as the
 * version its model.json names ({@link RegistryPublisher}), optionally pointing {@code CURRENT}
 * at it. Exit code 0 when published, 1 when the model is invalid or the version already exists
 * (nothing is written then), 2 on a usage error.
 */
public final class PublishModelMain {
    static final Command COMMAND = JobCommand.namedWithOptions("PublishModelMain",
                    "Validates a staged model version with the checks the running job runs, and only then publishes "
                            + "it into the registry as the version its model.json names; a version that already exists "
                            + "is never overwritten. Exit code 0 when published, 1 when invalid or refused (nothing "
                            + "written), 2 on a usage error. The ONNX Runtime session options apply as in the job.",
                    ReelRankOptions.INTRA_OP_THREADS, ReelRankOptions.INTER_OP_THREADS,
                    ReelRankOptions.OPTIMIZATION_LEVEL, ReelRankOptions.MEMORY_ARENA, ReelRankOptions.DEVICE)
            .with(Option.text("registry", "ROOT", "Registry root: a local path or any Flink file system URI.")
                            .withDefault(ReelRankOptions.MODEL_REGISTRY.defaultValue()),
                    Option.flag("set-current", "Point <registry>/<model-name>/CURRENT at the published version."))
            .withOperands("<staged version dir>");

    private PublishModelMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Arguments arguments;
        SessionSettings session;
        try {
            arguments = COMMAND.parse(args);
            if (arguments.helpRequested()) {
                out.print(COMMAND.help());
                return 0;
            }
            session = JobSettings.sessionSettings(JobCommand.settings(arguments));
        } catch (UsageException e) {
            out.println("usage: " + COMMAND.usageError(e));
            return 2;
        }
        RegistryPublisher registry = new RegistryPublisher(new Path(arguments.text("registry")));
        StagedModel staged = ValidateModelMain.check(new Path(arguments.operands().get(0)), session, out);
        if (staged == null) {
            out.println("Nothing was published to " + arguments.text("registry") + ".");
            return 1;
        }
        try {
            out.println("PUBLISHED " + staged.version() + " at " + registry.publish(staged));
        } catch (RegistryPublisher.VersionExistsException e) {
            out.println("REFUSED " + staged.version() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            out.println("FAILED " + staged.version() + ": " + e.getMessage() + "; nothing was published");
            return 1;
        }
        try {
            pointer(registry, staged.version(), arguments.flag("set-current"), out);
            return 0;
        } catch (IOException e) {
            out.println("FAILED to point CURRENT at " + staged.version() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Sets CURRENT when asked; otherwise says which version the job will serve if a pointer holds it elsewhere. */
    private static void pointer(RegistryPublisher registry, ModelVersion version, boolean setCurrent, PrintStream out)
            throws IOException {
        if (setCurrent) {
            registry.pointCurrentAt(version);
            out.println("CURRENT " + version);
            return;
        }
        String current = registry.currentVersion(version.name());
        if (current != null) {
            out.println("CURRENT still names " + version.name() + "/" + current
                    + ": the job keeps serving it; --set-current would serve " + version);
        }
    }
}
