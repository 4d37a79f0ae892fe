package io.reelrank.tools.replay;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar, redrawn in place at most five times a second. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done == total || now - lastDrawNanos >= REDRAW_NANOS) {
            lastDrawNanos = now;
            out.print("\r" + line(done, now));
            if (done == total) {
                out.println();
            }
            out.flush();
        }
    }

    String line(long done, long nowNanos) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
        return String.format(Locale.ROOT, "[%s%s] %3.0f%% %,d/%,d records  %,.0f records/s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * fraction, done, total, done / seconds);
    }
}
