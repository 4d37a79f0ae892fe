package io.reelrank.generator;

import io.reelrank.udf.contract.Video;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * A short-video world whose users have latent tastes, so that a ranker trained on its events has
 * something real to learn and a demo can check recommendations against the truth. Everything is
 * a pure function of the {@link WorldSettings} (and the catalog file, for a KuaiRand world).
 *
 * <p>Ids: users {@code u<i>}, videos {@code v<j>} (KuaiRand: {@code v<video_id>}), creators
 * {@code c<k>} (KuaiRand: {@code c<author_id>}).
 *
 * <p><b>Behaviour model.</b> The affinity of user u for video v is {@code 0.75 * taste(u,
 * topic(v)) / maxTaste(u) + 0.25 * quality(v)}, in [0, 1]: 0.75..1 for the user's top topic,
 * about 0.5..0.75 for a second favourite, about 0.05..0.35 for any other. Shown v, u
 * <ul>
 *   <li>plays it with probability {@code 0.15 + 0.8a}, else skips it (no watch time, nothing else);
 *   <li>watches the fraction {@code clamp(patience * (0.25 + 0.9a) + N(0, 0.12), 0.02, 1)} of it;
 *   <li>then, independently, likes it with probability {@code 0.02 + 0.5a²·fraction}, comments
 *       with {@code 0.01 + 0.1a²}, shares with {@code 0.005 + 0.15a³} and follows the creator
 *       with {@code 0.002 + 0.06a³}.
 * </ul>
 * A response is a positive training label when the user liked or shared the video or watched at
 * least 80% of it ({@link #isPositive}).
 */
public final class SyntheticWorld {

    public static final double POSITIVE_WATCH_FRACTION = 0.8;

    private final WorldSpec spec;
    private final Catalog catalog;
    private final Audience audience;
    private final VideoPicker picker;

    private SyntheticWorld(WorldSpec spec, Catalog catalog) {
        this.spec = spec;
        this.catalog = catalog;
        this.audience = Audience.create(spec.settings(), catalog);
        this.picker = new VideoPicker(catalog, audience, spec.settings().seed(), spec.settings().startTs());
    }

    public static SyntheticWorld create(WorldSettings settings) {
        return new SyntheticWorld(new WorldSpec(settings, null), SyntheticCatalog.build(settings));
    }

    /** A world over the real KuaiRand-Pure videos ({@code video_features_basic_pure.csv}). */
    public static SyntheticWorld fromKuaiRandCatalog(Path videoFeaturesCsv, WorldSettings settings)
            throws IOException {
        return new SyntheticWorld(
                new WorldSpec(settings, videoFeaturesCsv.toString()),
                KuaiRandCatalog.read(videoFeaturesCsv, settings));
    }

    public WorldSpec spec() {
        return spec;
    }

    public WorldSettings settings() {
        return spec.settings();
    }

    public List<Video> catalog() {
        return catalog.videos();
    }

    public Video video(int index) {
        return catalog.video(index);
    }

    public int videoCount() {
        return catalog.size();
    }

    public int userCount() {
        return audience.size();
    }

    public String userId(int index) {
        return "u" + index;
    }

    public String videoId(int index) {
        return catalog.video(index).videoId();
    }

    /** The index of a user id of this world, empty for ids it does not know. */
    public OptionalInt userIndex(String userId) {
        if (userId == null || !userId.matches("u(0|[1-9][0-9]{0,9})")) {
            return OptionalInt.empty();
        }
        long index = Long.parseLong(userId.substring(1));
        return index < audience.size() ? OptionalInt.of((int) index) : OptionalInt.empty();
    }

    public OptionalInt videoIndex(String videoId) {
        return catalog.indexOf(videoId);
    }

    public int topicOf(int video) {
        return catalog.topic(video);
    }

    public int[] favouriteTopics(int user) {
        return audience.favourites(user);
    }

    public double affinity(int user, int video) {
        double taste = audience.taste(user, catalog.topic(video)) / audience.maxTaste(user);
        return BehaviourModel.affinity(taste, catalog.quality(video));
    }

    /**
     * Whether the video's topic is one of the user's favourites: the truth a demo compares
     * recommendations with. False when either id is not of this world.
     */
    public boolean likesTopicsOf(String userId, String videoId) {
        OptionalInt user = userIndex(userId);
        OptionalInt video = videoIndex(videoId);
        return user.isPresent()
                && video.isPresent()
                && audience.isFavourite(user.getAsInt(), catalog.topic(video.getAsInt()));
    }

    /** What the user does when shown the video (see the behaviour model above). */
    public Response respond(int user, int video, SplittableRandom rng) {
        return BehaviourModel.respond(
                affinity(user, video), audience.patience(user), catalog.video(video).durationMs(), rng);
    }

    public static boolean isPositive(Response response) {
        return response.liked() || response.shared() || response.watchFraction() >= POSITIVE_WATCH_FRACTION;
    }

    /** A user drawn in proportion to activity: a few heavy users produce much of the traffic. */
    public int sampleUser(SplittableRandom rng) {
        return audience.sample(rng);
    }

    /** The video a feed shows the user at {@code ts}: taste-matching, trending or random. */
    public int sampleVideoFor(int user, long ts, SplittableRandom rng) {
        return picker.next(user, ts, rng);
    }

    public int sampleTasteMatchingVideo(int user, SplittableRandom rng) {
        return picker.tasteMatching(user, rng);
    }

    public int sampleAnyVideo(SplittableRandom rng) {
        return picker.any(rng);
    }
}
