package io.reelrank.udf.scoring;

/** The mean of the last {@code window} finite values, safe to update from several threads; NaN before any. */
final class RollingMean {

    private final double[] values;
    private int next;
    private int count;
    private double sum;

    RollingMean(int window) {
        values = new double[window];
    }

    synchronized void add(double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        if (count == values.length) {
            sum -= values[next];
        } else {
            count++;
        }
        values[next] = value;
        sum += value;
        next = (next + 1) % values.length;
    }

    synchronized double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
