package io.reelrank.udf.rank;

import io.reelrank.udf.contract.RecommendedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Picks the top-N candidates of one request: highest score first, ties broken by video id
 * ascending so the same scores always give the same list, at most {@code maxPerCreator} videos
 * of any one creator, ranks numbered from 1.
 *
 * <p>A NaN score means the model could not score that row; it is left out rather than ranked
 * anywhere, since any position would be arbitrary. A null creator id (creator unknown) is not
 * capped: there is nothing to diversify it against.
 */
public final class TopNSelector {

    private TopNSelector() {}

    public static List<RecommendedItem> select(
            String[] videoIds, String[] creatorIds, float[] scores, int n, int maxPerCreator) {
        if (videoIds.length != scores.length || creatorIds.length != scores.length) {
            throw new IllegalArgumentException("need one video id, creator id and score per candidate, got "
                    + videoIds.length + ", " + creatorIds.length + " and " + scores.length);
        }
        if (maxPerCreator < 1) {
            throw new IllegalArgumentException("maxPerCreator must be >= 1, got " + maxPerCreator);
        }
        Comparator<Integer> best = Comparator.<Integer>comparingDouble(i -> scores[i])
                .reversed()
                .thenComparing(i -> videoIds[i]);
        List<Integer> order = IntStream.range(0, scores.length)
                .filter(i -> !Float.isNaN(scores[i]))
                .boxed()
                .sorted(best)
                .toList();
        List<RecommendedItem> picked = new ArrayList<>(Math.max(0, Math.min(n, order.size())));
        Map<String, Integer> perCreator = new HashMap<>();
        for (int i : order) {
            if (picked.size() >= n) {
                break;
            }
            String creator = creatorIds[i];
            if (creator != null && perCreator.merge(creator, 1, Integer::sum) > maxPerCreator) {
                continue;
            }
            picked.add(new RecommendedItem(videoIds[i], scores[i], picked.size() + 1));
        }
        return picked;
    }
}
