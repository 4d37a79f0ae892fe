package io.reelrank.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code scripts/reelrank} command run as a child process, the way a user runs it from the
 * repository (after {@code mvn install}, which writes the classpath the script reads). Keeps its
 * stdout byte for byte and both streams line by line, waits for lines instead of sleeping, and
 * presses Ctrl-C by sending SIGINT.
 */
public final class LauncherProcess implements AutoCloseable {
    private static final String EOF = "\u0000end of stream";

    private final Process process;
    private final ByteArrayOutputStream stdoutBytes = new ByteArrayOutputStream();
    private final Stream stdout;
    private final Stream stderr;

    private LauncherProcess(Process process) {
        this.process = process;
        this.stdout = new Stream(process.getInputStream(), stdoutBytes);
        this.stderr = new Stream(process.getErrorStream(), new ByteArrayOutputStream());
    }

    /** Starts {@code scripts/reelrank <args>}. */
    public static LauncherProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(repositoryRoot().resolve("scripts/reelrank").toString()));
        command.addAll(List.of(args));
        return new LauncherProcess(new ProcessBuilder(command).start());
    }

    /** The repository root, found upwards from the working directory (a module's, under Maven). */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("scripts/reelrank"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no scripts/reelrank above " + Path.of("").toAbsolutePath());
    }

    /**
     * Whether Ctrl-C can reach a child at all: a JVM started with SIGINT ignored (a background job
     * of a non-interactive shell) passes that on, and no handler can replace it.
     */
    public static boolean ctrlCReachesChildren() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return true;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & 0b10) == 0;
            }
        }
        return true;
    }

    /** The first stdout line from now on that matches, waiting at most {@code timeout}. */
    public String awaitStdout(Predicate<String> line, Duration timeout) throws InterruptedException {
        return stdout.await(line, timeout, this);
    }

    /** The first stderr line from now on that matches, waiting at most {@code timeout}. */
    public String awaitStderr(Predicate<String> line, Duration timeout) throws InterruptedException {
        return stderr.await(line, timeout, this);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    public void pressCtrlC() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -INT " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end and for both streams to be read to their end; returns the exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + "; stderr so far:\n" + stderr());
        }
        stdout.reader.join(timeout.toMillis());
        stderr.reader.join(timeout.toMillis());
        return process.exitValue();
    }

    public byte[] stdoutBytes() {
        synchronized (stdoutBytes) {
            return stdoutBytes.toByteArray();
        }
    }

    public String stderr() {
        return String.join("\n", stderr.lines());
    }

    public List<String> stderrLines() {
        return stderr.lines();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** One output stream, read on its own thread into bytes and lines. */
    private static final class Stream {
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();
        private final Thread reader;

        Stream(InputStream in, ByteArrayOutputStream bytes) {
            reader = new Thread(() -> pump(in, bytes), "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void pump(InputStream in, ByteArrayOutputStream bytes) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try (in) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    synchronized (bytes) {
                        bytes.write(b);
                    }
                    if (b == '\n') {
                        add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            } catch (IOException e) {
                // The process is gone; what was read is kept.
            }
            if (line.size() > 0) {
                add(line.toString(StandardCharsets.UTF_8));
            }
            pending.add(EOF);
        }

        private void add(String line) {
            synchronized (all) {
                all.add(line);
            }
            pending.add(line);
        }

        String await(Predicate<String> wanted, Duration timeout, LauncherProcess process) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("no such line within " + timeout + "; stderr:\n" + process.stderr());
                }
                if (line.equals(EOF)) {
                    pending.add(EOF);
                    throw new IllegalStateException("the stream ended; stderr:\n" + process.stderr());
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        List<String> lines() {
            synchronized (all) {
                return List.copyOf(all);
            }
        }
    }
}
