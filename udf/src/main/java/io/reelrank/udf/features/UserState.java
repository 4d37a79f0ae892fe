package io.reelrank.udf.features;

/**
 * Everything ReelRank keeps about one user, as one value in keyed state: the {@link UserProfile},
 * the windowed counts and the last engagements ({@link EngagementHistory}), which so share one
 * TTL. The ranker reads and writes it through its state store; what a request reads from it is
 * {@link UserFeatures}. One value, so that an engagement costs one
 * RocksDB read and one write instead of one of each per part.
 */
public class UserState {
    public UserProfile profile = new UserProfile();
    public WindowedCounts counts = new WindowedCounts();
    public EngagementHistory history = new EngagementHistory();

    public UserState() {}

    public UserState(UserProfile profile, WindowedCounts counts) {
        this.profile = profile;
        this.counts = counts;
    }

    public UserState(UserProfile profile, WindowedCounts counts, EngagementHistory history) {
        this.profile = profile;
        this.counts = counts;
        this.history = history;
    }
}
