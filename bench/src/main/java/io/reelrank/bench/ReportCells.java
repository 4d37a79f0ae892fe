package io.reelrank.bench;

import java.util.Locale;

/** How the report writes a figure into a table cell, the same way in every table. */
final class ReportCells {

    private ReportCells() {}

    /** A share as a whole percentage. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /** As {@link #percent}, or "n/a" where the share is unknown (NaN). */
    static String share(double share) {
        return Double.isNaN(share) ? "n/a" : percent(share);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String bytes(double value) {
        return String.format(Locale.ROOT, "%,.0f B", value);
    }

    /** A whole number with thousands separators. */
    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Whether a target was met: empty where the measure has none. */
    static String yes(Boolean met) {
        return met == null ? "" : met ? "yes" : "**no**";
    }
}
