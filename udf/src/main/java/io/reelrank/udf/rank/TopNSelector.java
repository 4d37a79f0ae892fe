package io.reelrank.udf.rank;

import io.reelrank.udf.contract.RecommendedItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the top-N candidates of one request: highest score first, ties broken by video id
 * ascending so the same scores always give the same list, at most {@code maxPerCreator} videos
 * of any one creator, ranks numbered from 1.
 *
 * <p>A NaN score means the model could not score that row; it is left out rather than ranked
 * anywhere, since any position would be arbitrary. A null creator id (creator unknown) is not
 * capped: there is nothing to diversify it against.
 *
 * <p>Rows filled in from the fallback (the last {@code filledRows}) only take the places the
 * request's own candidates leave free: they rank after all of those, best first among
 * themselves, and are marked {@link RecommendedItem#filled()}.
 */
public final class TopNSelector {

    private TopNSelector() {}

    public static List<RecommendedItem> select(
            String[] videoIds, String[] creatorIds, float[] scores, int n, int maxPerCreator) {
        return select(videoIds, creatorIds, scores, n, maxPerCreator, 0);
    }

    public static List<RecommendedItem> select(
            String[] videoIds, String[] creatorIds, float[] scores, int n, int maxPerCreator, int filledRows) {
        return select(videoIds, creatorIds, scores, n, maxPerCreator, filledRows, null, null);
    }

    /**
     * As above, and each item carries its values of the heads {@code headNames} ({@code
     * heads[h][row]}); items carry none when {@code headNames} is null.
     */
    public static List<RecommendedItem> select(String[] videoIds, String[] creatorIds, float[] scores, int n,
            int maxPerCreator, int filledRows, String[] headNames, float[][] heads) {
        if (videoIds.length != scores.length || creatorIds.length != scores.length) {
            throw new IllegalArgumentException("need one video id, creator id and score per candidate, got "
                    + videoIds.length + ", " + creatorIds.length + " and " + scores.length);
        }
        if (maxPerCreator < 1) {
            throw new IllegalArgumentException("maxPerCreator must be >= 1, got " + maxPerCreator);
        }
        if (filledRows < 0 || filledRows > scores.length) {
            throw new IllegalArgumentException(filledRows + " filled rows of " + scores.length);
        }
        int own = scores.length - filledRows;
        List<RecommendedItem> picked = new ArrayList<>(Math.max(0, Math.min(n, scores.length)));
        Map<String, Integer> perCreator = new HashMap<>();
        Candidates candidates = new Candidates(videoIds, creatorIds, scores, headNames, heads);
        pick(bestFirst(videoIds, scores, 0, own), false, candidates, n, maxPerCreator, perCreator, picked);
        if (filledRows > 0) {
            pick(bestFirst(videoIds, scores, own, scores.length), true, candidates, n, maxPerCreator, perCreator,
                    picked);
        }
        return picked;
    }

    private record Candidates(String[] videoIds, String[] creatorIds, float[] scores, String[] headNames,
                              float[][] heads) {

        RecommendedItem item(int i, int rank, boolean filled) {
            Map<String, Float> values = null;
            if (headNames != null) {
                values = new LinkedHashMap<>();
                for (int h = 0; h < headNames.length; h++) {
                    values.put(headNames[h], heads[h][i]);
                }
            }
            return new RecommendedItem(videoIds[i], scores[i], rank, filled, values);
        }
    }

    private static void pick(int[] order, boolean filled, Candidates candidates, int n, int maxPerCreator,
                             Map<String, Integer> perCreator, List<RecommendedItem> picked) {
        for (int i : order) {
            if (picked.size() >= n) {
                return;
            }
            String creator = candidates.creatorIds()[i];
            if (creator != null && perCreator.merge(creator, 1, Integer::sum) > maxPerCreator) {
                continue;
            }
            picked.add(candidates.item(i, picked.size() + 1, filled));
        }
    }

    /**
     * Indices {@code first..end-1} of the non-NaN scores, highest first and equal scores by video id.
     * Each candidate's order key (score, then position) is packed into one long and the keys
     * sorted as primitives: this runs for every request, where a boxed sort with a comparator is a
     * visible share of the ranker thread.
     */
    private static int[] bestFirst(String[] videoIds, float[] scores, int first, int end) {
        long[] keys = new long[end - first];
        int count = 0;
        for (int i = first; i < end; i++) {
            if (!Float.isNaN(scores[i])) {
                keys[count++] = ((long) descending(scores[i]) << 32) | i;
            }
        }
        Arrays.sort(keys, 0, count);
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = (int) keys[k];
        }
        for (int from = 0; from < count; ) {
            int to = from + 1;
            while (to < count && (int) (keys[to] >> 32) == (int) (keys[from] >> 32)) {
                to++;
            }
            if (to - from > 1) {
                sortByVideoId(order, from, to, videoIds);
            }
            from = to;
        }
        return order;
    }

    /** An int that orders floats from highest to lowest as ints order ascending (-0.0 after 0.0, as Float.compare has it). */
    private static int descending(float score) {
        int bits = Float.floatToIntBits(score);
        return ~(bits ^ ((bits >> 31) & 0x7fffffff));
    }

    private static void sortByVideoId(int[] order, int from, int to, String[] videoIds) {
        Integer[] tied = new Integer[to - from];
        for (int k = from; k < to; k++) {
            tied[k - from] = order[k];
        }
        Arrays.sort(tied, Comparator.comparing(i -> videoIds[i]));
        for (int k = from; k < to; k++) {
            order[k] = tied[k - from];
        }
    }
}
