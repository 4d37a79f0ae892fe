package io.reelrank.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C as a request to stop, for commands that run until it (a broker, a local job, a reader
 * following a topic). By default the JVM answers Ctrl-C by exiting with status 130 while threads
 * are mid-way, which prints their stack traces; here the first Ctrl-C runs the command's own way
 * to stop, and the command ends with one line and status 0 ({@link #exitStopped}). A second
 * Ctrl-C, for a stop that hangs, exits at once as the JVM would.
 *
 * <pre>{@code
 * if (CtrlC.runUntilStopped(() -> job.getJobExecutionResult().get(), job::cancel)) {
 *     CtrlC.exitStopped(System.err);
 * }
 * }</pre>
 *
 * <p>A process started with Ctrl-C ignored (a background job of a non-interactive shell) keeps
 * ignoring it: the JVM lets no handler replace that.
 */
public final class CtrlC {
    /** The one line a command prints when Ctrl-C stopped it. */
    public static final String STOPPED = "stopped";

    private static final Signal INTERRUPT = new Signal("INT");

    /** Work that runs until it ends by itself or is stopped. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private CtrlC() {}

    /**
     * Runs {@code work}; a Ctrl-C meanwhile runs {@code stop} (on the signal's thread), which
     * must make {@code work} return or fail soon. Returns whether Ctrl-C stopped it: then a
     * failure of {@code work} is the stop taking effect and is not thrown.
     */
    public static boolean runUntilStopped(Work work, Runnable stop) throws Exception {
        StopOnFirstPress handler = new StopOnFirstPress(stop);
        handler.previous = Signal.handle(INTERRUPT, handler);
        try {
            work.run();
        } catch (Exception e) {
            if (!handler.pressed.get()) {
                throw e;
            }
        } finally {
            if (!handler.pressed.get()) {
                Signal.handle(INTERRUPT, handler.previous);
            }
        }
        return handler.pressed.get();
    }

    /** Prints {@link #STOPPED} to {@code err} and exits 0, whatever threads the stopped work left behind. */
    public static void exitStopped(PrintStream err) {
        err.println(STOPPED);
        err.flush();
        System.exit(0);
    }

    /** Runs the stop on the first Ctrl-C and hands later ones back to the JVM's own handler. */
    private static final class StopOnFirstPress implements SignalHandler {
        private final Runnable stop;
        private final AtomicBoolean pressed = new AtomicBoolean();
        private volatile SignalHandler previous;

        StopOnFirstPress(Runnable stop) {
            this.stop = stop;
        }

        @Override
        public void handle(Signal signal) {
            if (previous != null) {
                Signal.handle(INTERRUPT, previous);
            }
            if (pressed.compareAndSet(false, true)) {
                stop.run();
            }
        }
    }
}
