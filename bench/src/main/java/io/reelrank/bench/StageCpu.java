package io.reelrank.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"), read from
 * {@code /proc/self/task}: HotSpot hides them from {@code ThreadMXBean}. Each new job in the
 * benchmark's JVM sends shared hot paths (Flink's network input, the serializers) back through
 * C2 as their type profiles change, and over a run of a few seconds that compiling is a large
 * part of the CPU; the report shows how much, so that a figure is known to be steady state.
 * Linux only; elsewhere {@link #available()} is false and the share is not reported.
 */
final class JitCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the JDK runs on
    private static final int RESCAN_EVERY = 20;

    /** Every compiler thread seen, with its ticks when last read: one that exits keeps its time. */
    private final Map<Path, Long> compilerThreads = new HashMap<>();
    private int untilRescan;

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    /** CPU nanoseconds the compiler threads used so far; -1 when unknown. Not thread-safe. */
    long cpuNanos() {
        if (!available()) {
            return -1;
        }
        if (untilRescan-- <= 0) {
            // Compiler threads come and go (UseDynamicNumberOfCompilerThreads).
            rescan();
            untilRescan = RESCAN_EVERY;
        }
        long ticks = 0;
        for (Map.Entry<Path, Long> thread : compilerThreads.entrySet()) {
            long now = ticks(thread.getKey());
            if (now > thread.getValue()) {
                thread.setValue(now);
            }
            ticks += thread.getValue();
        }
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    private void rescan() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String name = read(task.resolve("comm"));
                if (name != null && name.contains("CompilerThre")) {
                    compilerThreads.putIfAbsent(task, 0L);
                }
            }
        } catch (IOException e) {
            // The threads seen so far still count.
        }
    }

    /** utime + stime of one thread, in clock ticks; 0 once the thread has gone (its last reading stays). */
    private static long ticks(Path task) {
        String stat = read(task.resolve("stat"));
        if (stat == null) {
            return 0;
        }
        // Fields after the parenthesised name: state is field 3, utime 14 and stime 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
