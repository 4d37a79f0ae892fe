package io.reelrank.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by the stage of the job they run, read from {@code
 * /proc/self/task}: the JIT compiler and GC threads are hidden from {@code ThreadMXBean}, and
 * RocksDB's own threads are native. A thread's stage comes from its name as Linux keeps it (the
 * first 15 characters): Flink names a task thread after the first operator of its chain, so the
 * prefixes below follow the operator names in {@code ReelRankWorkflow}; a thread that matches none
 * counts as {@link Stage#OTHER}, where a renamed operator would show up. Linux only; elsewhere
 * {@link #available()} is false and no stage is reported.
 *
 * <p>Why: the pipeline's throughput is a ratio to the scoring ceiling, and what stands between
 * the two is the CPU every other stage spends per candidate. The report gives it per stage.
 */
final class StageCpu {
    /** The job's stages as its threads show them. */
    enum Stage {
        SOURCES("sources, parsing"),
        RANKER("ranker: user state, features, batching, top-N"),
        SCORER("scorer threads (ONNX Runtime)"),
        VIDEO_STATS("video stats"),
        CHECKPOINTS("checkpoints: async phase, RocksDB threads"),
        JIT("JIT compilers"),
        GC("GC and VM threads"),
        OTHER("other (Flink runtime, result collection)");

        final String label;

        Stage(String label) {
            this.label = label;
        }

        static Stage of(String thread) {
            if (thread.startsWith("Source: ")) {
                return SOURCES;
            }
            if (thread.startsWith("user features")) { // the ranker's chain: "user features + candidates -> score ..."
                return RANKER;
            }
            if (thread.startsWith("reelrank-scorer")) {
                return SCORER;
            }
            if (thread.startsWith("video stats")) {
                return VIDEO_STATS;
            }
            if (thread.startsWith("AsyncOperation") || thread.startsWith("rocksdb:")
                    || thread.startsWith("Flink-RocksDBSt")) {
                return CHECKPOINTS;
            }
            if (thread.contains("CompilerThre")) {
                return JIT;
            }
            if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
                return GC;
            }
            return OTHER;
        }
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the JDK runs on
    /** Reads every thread's stat on every 5th call only (250 ms at CounterRate's 50 ms): about 150 files each time. */
    private static final int READ_EVERY = 5;

    /** Every thread seen, with its stage and its ticks when last read: one that exits keeps its time. */
    private final Map<Path, Seen> threads = new HashMap<>();
    /** CPU ticks of the threads that exited, by stage: their time stays counted. */
    private final long[] exited = new long[Stage.values().length];
    private long[] last;
    private int untilRead;

    /** A thread by its id and start time: Linux reuses the ids of threads that exited. */
    private static final class Seen {
        final Stage stage;
        final long startTime;
        long ticks;

        Seen(Stage stage, long startTime) {
            this.stage = stage;
            this.startTime = startTime;
        }
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    /**
     * CPU nanoseconds each stage's threads used so far, by {@link Stage#ordinal()}, as of the
     * last read (at most {@code READ_EVERY} calls ago); null when unknown. Not thread-safe.
     */
    long[] cpuNanos() {
        if (!available()) {
            return null;
        }
        if (last != null && untilRead-- > 0) {
            return last;
        }
        untilRead = READ_EVERY - 1;
        // Threads come and go: compiler threads (UseDynamicNumberOfCompilerThreads), each job's task threads.
        scan();
        long[] ticks = exited.clone();
        for (Seen seen : threads.values()) {
            ticks[seen.stage.ordinal()] += seen.ticks;
        }
        long[] nanos = new long[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            nanos[i] = ticks[i] * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        }
        last = nanos;
        return nanos;
    }

    /**
     * Reads every thread's stat once: updates the known threads' ticks and adds the threads that
     * started since the last scan (one whose id now names another thread has exited). A thread
     * that has gone keeps its last reading.
     */
    private void scan() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                long[] stat = stat(task);
                if (stat == null) {
                    continue;
                }
                Seen seen = threads.get(task);
                if (seen == null || seen.startTime != stat[1]) {
                    String name = read(task.resolve("comm"));
                    if (name == null) {
                        continue;
                    }
                    if (seen != null) {
                        exited[seen.stage.ordinal()] += seen.ticks;
                    }
                    seen = new Seen(Stage.of(name), stat[1]);
                    threads.put(task, seen);
                }
                seen.ticks = Math.max(seen.ticks, stat[0]);
            }
        } catch (IOException e) {
            // The threads seen so far still count.
        }
    }

    /** utime + stime of one thread in clock ticks, and its start time; null once the thread has gone. */
    private static long[] stat(Path task) {
        String stat = read(task.resolve("stat"));
        if (stat == null) {
            return null;
        }
        // Fields after the parenthesised name start at field 3 (state): utime is field 14, stime
        // 15 and starttime 22.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long.parseLong(fields[19])};
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
