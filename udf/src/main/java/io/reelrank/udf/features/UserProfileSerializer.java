package io.reelrank.udf.features;

/**
 * The name under which savepoints of ReelRank 0.1 recorded the serializer snapshot of the user profile of the layout before the merged user state;
 * Flink resolves snapshot classes by name, so this name stays for as long as such savepoints
 * may be restored. New snapshots are written as {@link io.reelrank.udf.state.UserProfileSerializer.Snapshot}.
 */
@Deprecated
public final class UserProfileSerializer {

    private UserProfileSerializer() {}

    /** Reads a 0.1 snapshot as the moved serializer's own. */
    public static final class Snapshot extends io.reelrank.udf.state.UserProfileSerializer.Snapshot {}
}
