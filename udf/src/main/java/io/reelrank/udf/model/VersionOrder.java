package io.reelrank.udf.model;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Orders registry versions oldest to newest: numeric versions numerically (so 10 is newer than
 * 9), other versions lexicographically (dates such as 2026-01-31 sort correctly). A registry
 * should not mix the two; if it does, every numeric version counts as newer than every other,
 * which keeps the order total.
 */
public final class VersionOrder {

    public static final Comparator<String> OLDEST_FIRST =
            Comparator.<String, Boolean>comparing(VersionOrder::isNumeric)
                    .thenComparing(
                            (a, b) -> isNumeric(a) ? new BigInteger(a).compareTo(new BigInteger(b)) : a.compareTo(b))
                    .thenComparing(Comparator.naturalOrder());

    private VersionOrder() {}

    public static boolean isNumeric(String version) {
        return !version.isEmpty() && version.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
