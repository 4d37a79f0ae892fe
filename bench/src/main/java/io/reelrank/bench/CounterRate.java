package io.reelrank.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Samples a growing counter every 50 ms while a job runs, and gives its steady-state rate: the
 * slope between the samples where it passed {@code from} and {@code to} of its expected total,
 * so start-up and the drain at the end do not dilute the figure.
 */
final class CounterRate implements AutoCloseable {
    private record Sample(long nanos, long count) {}

    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-counter-sampler");
        thread.setDaemon(true);
        return thread;
    });

    CounterRate(LongSupplier counter) {
        sampler.scheduleAtFixedRate(() -> {
            Sample sample = new Sample(System.nanoTime(), counter.getAsLong());
            synchronized (samples) {
                samples.add(sample);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
    }

    /** Counts per second between the fractions {@code from} and {@code to} of {@code expectedTotal}. */
    double rate(long expectedTotal, double from, double to) {
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
        }
        if (first == null || last == null || last.nanos() <= first.nanos()) {
            long seen = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).count();
            throw new IllegalStateException("too few samples for a rate (" + samples.size() + " samples, last count "
                    + seen + " of " + expectedTotal + "); let the run last longer");
        }
        return (last.count() - first.count()) / ((last.nanos() - first.nanos()) / 1e9);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
