package io.reelrank.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a growing counter and this JVM's CPU time every 50 ms while a job runs. It gives the
 * counter's steady-state rate (the slope between the samples where it passed two fractions of
 * its expected total, so start-up and the drain at the end do not dilute it) and the CPU time
 * the JVM spent over any wall-clock interval. Counts per CPU-second are what a figure is worth
 * on a machine whose cores other processes share: the wall-clock rate there depends on the load.
 */
final class CounterRate implements AutoCloseable {
    private record Sample(long wallMillis, long nanos, long cpuNanos, long jitCpuNanos, long count) {}

    /**
     * Counts per wall-clock second and per second of CPU time the JVM used meanwhile; {@code
     * jitShare} is the JIT compiler threads' part of that CPU time (NaN where unknown).
     */
    record Rate(double perSecond, double perCpuSecond, double cpuCores, double jitShare) {}

    /** CPU seconds over an interval, and the JIT compiler threads' share of them (NaN where unknown). */
    record Cpu(double seconds, double jitShare) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final List<Sample> samples = new ArrayList<>();
    private final JitCpu jit = new JitCpu();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-counter-sampler");
        thread.setDaemon(true);
        return thread;
    });

    CounterRate(LongSupplier counter) {
        sampler.scheduleAtFixedRate(() -> {
            Sample sample = new Sample(System.currentTimeMillis(), System.nanoTime(), OS.getProcessCpuTime(),
                    jit.cpuNanos(), counter.getAsLong());
            synchronized (samples) {
                samples.add(sample);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** A sampler of CPU time alone. */
    static CounterRate cpuOnly() {
        return new CounterRate(() -> 0);
    }

    /** The rate between the fractions {@code from} and {@code to} of {@code expectedTotal}. */
    Rate rate(long expectedTotal, double from, double to) {
        Sample first = null;
        Sample last = null;
        synchronized (samples) {
            for (Sample sample : samples) {
                if (first == null && sample.count() >= expectedTotal * from) {
                    first = sample;
                }
                if (sample.count() <= expectedTotal * to) {
                    last = sample;
                }
            }
            if (first == null || last == null || last.nanos() <= first.nanos()) {
                long seen = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).count();
                throw new IllegalStateException("too few samples for a rate (" + samples.size()
                        + " samples, last count " + seen + " of " + expectedTotal + "); let the run last longer");
            }
        }
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        double cpuSeconds = (last.cpuNanos() - first.cpuNanos()) / 1e9;
        long counted = last.count() - first.count();
        return new Rate(counted / seconds, counted / cpuSeconds, cpuSeconds / seconds, jitShare(first, last));
    }

    /** CPU seconds this JVM used between two wall-clock times, from the nearest samples inside them. */
    Cpu cpuBetween(long fromMillis, long toMillis) {
        Sample first = null;
        Sample last = null;
        synchronized (samples) {
            for (Sample sample : samples) {
                if (first == null && sample.wallMillis() >= fromMillis) {
                    first = sample;
                }
                if (sample.wallMillis() <= toMillis) {
                    last = sample;
                }
            }
        }
        if (first == null || last == null || last.nanos() <= first.nanos()) {
            return new Cpu(Double.NaN, Double.NaN);
        }
        double sampled = (last.cpuNanos() - first.cpuNanos()) / 1e9;
        // Scale the sampled span to the whole interval.
        return new Cpu(sampled * (toMillis - fromMillis) / Math.max(1.0, last.wallMillis() - first.wallMillis()),
                jitShare(first, last));
    }

    private static double jitShare(Sample first, Sample last) {
        if (first.jitCpuNanos() < 0 || last.jitCpuNanos() < 0 || last.cpuNanos() <= first.cpuNanos()) {
            return Double.NaN;
        }
        return (last.jitCpuNanos() - first.jitCpuNanos()) / (double) (last.cpuNanos() - first.cpuNanos());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
