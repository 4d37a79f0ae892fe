package io.reelrank.eval.movielens;

import io.reelrank.eval.movielens.MovieLensFolder.Movie;
import io.reelrank.eval.movielens.MovieLensFolder.Rating;
import io.reelrank.udf.contract.Action;
import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.Video;
import io.reelrank.udf.ingest.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a MovieLens rating and movie become ReelRank contract records (see docs/evaluation.md):
 * a rating of 4 or more is a full play plus a like, 2 or less a skip, anything between a play
 * watched for rating/5 of the movie. A movie's genres are its tags, its first genre stands in
 * for the creator, every movie lasts {@link #DURATION_MS} and is published at the oldest
 * rating, so the whole catalog is available from the start of the replay as the protocol's
 * negative sampling assumes (MovieLens says when a movie was released, not when it joined the
 * catalog). Times move forward by {@code shiftMs} so that the oldest rating lands inside the
 * contract's timestamp range.
 */
public final class MovieLensMapping {

    /** MovieLens has no durations; a typical feature film. */
    public static final long DURATION_MS = 100L * 60 * 1000;
    public static final double LIKE_FROM = 4.0;
    public static final double SKIP_UP_TO = 2.0;

    private final long shiftMs;
    private final long earliestMs;

    /** @param earliestRatingSeconds the oldest rating in the folder, in MovieLens seconds */
    public MovieLensMapping(long earliestRatingSeconds) {
        long earliest = earliestRatingSeconds * 1000;
        long day = 86_400_000L;
        long missing = Math.max(0, InputLimits.MIN_TIMESTAMP_MS - earliest);
        this.shiftMs = (missing + day - 1) / day * day;
        this.earliestMs = earliest + shiftMs;
    }

    public long shiftMs() {
        return shiftMs;
    }

    public static String userId(String movieLensUser) {
        return "u" + movieLensUser;
    }

    public static String videoId(String movieId) {
        return "m" + movieId;
    }

    public List<Engagement> engagements(Rating rating) {
        String user = userId(rating.userId());
        String video = videoId(rating.movieId());
        long ts = rating.timestampSeconds() * 1000 + shiftMs;
        String id = "ml-" + rating.userId() + "-" + rating.movieId();
        List<Engagement> out = new ArrayList<>(2);
        if (rating.rating() <= SKIP_UP_TO) {
            out.add(new Engagement(id + "-skip", user, video, Action.SKIP, null, ts));
        } else if (rating.rating() >= LIKE_FROM) {
            out.add(new Engagement(id + "-play", user, video, Action.PLAY, DURATION_MS, ts));
            out.add(new Engagement(id + "-like", user, video, Action.LIKE, null, ts));
        } else {
            long watched = Math.round(DURATION_MS * Math.min(1.0, rating.rating() / 5.0));
            out.add(new Engagement(id + "-play", user, video, Action.PLAY, watched, ts));
        }
        return out;
    }

    /** The movie as a catalog entry; {@code extraTags} (from tags.csv) follow the genres. */
    public Video video(Movie movie, List<String> extraTags) {
        List<String> tags = new ArrayList<>();
        for (String genre : movie.genres()) {
            addTag(tags, genre);
        }
        for (String tag : extraTags) {
            addTag(tags, tag);
        }
        String creator = movie.genres().isEmpty() ? "genre:none" : "genre:" + normalise(movie.genres().get(0));
        return new Video(videoId(movie.movieId()), creator, tags, DURATION_MS, earliestMs,
                new float[0], false);
    }

    /** Catalog entry for a rated movie that movies.csv does not list. */
    public Video unlistedVideo(String movieId) {
        return new Video(videoId(movieId), "genre:none", List.of(), DURATION_MS, earliestMs, new float[0], false);
    }

    static String normalise(String tag) {
        String lower = tag.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return lower.length() > InputLimits.MAX_TAG_CHARS ? lower.substring(0, InputLimits.MAX_TAG_CHARS) : lower;
    }

    private static void addTag(List<String> tags, String raw) {
        String tag = normalise(raw);
        if (!tag.isEmpty() && !tags.contains(tag) && tags.size() < InputLimits.MAX_TAGS) {
            tags.add(tag);
        }
    }
}
