package io.reelrank.tools.replay;

import java.io.PrintStream;

/** Runs the replay tool from a test in another package, its progress bar sent where the test wants. */
public final class ReplayMainRunner {
    private ReplayMainRunner() {}

    public static String run(PrintStream progress, String... args) throws Exception {
        return ReplayMain.render(ReplayMain.run(ReplayMain.COMMAND.parse(args), progress));
    }
}
