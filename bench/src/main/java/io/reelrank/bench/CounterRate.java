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
    private record Sample(long wallMillis, long nanos, long cpuNanos, long[] stageCpuNanos, long count) {}

    /** Counts per wall-clock second and per second of CPU time the JVM used meanwhile, and that CPU time by stage. */
    record Rate(double perSecond, double perCpuSecond, double cpuCores, ByStage stages) {}

    /** CPU seconds over an interval, and their split by stage. */
    record Cpu(double seconds, ByStage stages) {}

    /** Each {@link StageCpu.Stage}'s part of the JVM's CPU time over an interval; NaN where unknown (not Linux). */
    record ByStage(double[] shares) {
        static final ByStage UNKNOWN = new ByStage(null);

        double share(StageCpu.Stage stage) {
            return shares == null ? Double.NaN : shares[stage.ordinal()];
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final List<Sample> samples = new ArrayList<>();
    private final StageCpu stages = new StageCpu();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-counter-sampler");
        thread.setDaemon(true);
        return thread;
    });

    CounterRate(LongSupplier counter) {
        sampler.scheduleAtFixedRate(() -> {
            Sample sample = new Sample(System.currentTimeMillis(), System.nanoTime(), OS.getProcessCpuTime(),
                    stages.cpuNanos(), counter.getAsLong());
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
        return new Rate(counted / seconds, counted / cpuSeconds, cpuSeconds / seconds, byStage(first, last));
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
            return new Cpu(Double.NaN, ByStage.UNKNOWN);
        }
        double sampled = (last.cpuNanos() - first.cpuNanos()) / 1e9;
        // Scale the sampled span to the whole interval.
        return new Cpu(sampled * (toMillis - fromMillis) / Math.max(1.0, last.wallMillis() - first.wallMillis()),
                byStage(first, last));
    }

    /** Shares of the stages' own total, so that they add up to 1 (every thread has a stage, OTHER included). */
    private static ByStage byStage(Sample first, Sample last) {
        if (first.stageCpuNanos() == null || last.stageCpuNanos() == null) {
            return ByStage.UNKNOWN;
        }
        double[] used = new double[first.stageCpuNanos().length];
        double total = 0;
        for (int i = 0; i < used.length; i++) {
            used[i] = last.stageCpuNanos()[i] - first.stageCpuNanos()[i];
            total += used[i];
        }
        if (total <= 0) {
            return ByStage.UNKNOWN;
        }
        for (int i = 0; i < used.length; i++) {
            used[i] /= total;
        }
        return new ByStage(used);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
