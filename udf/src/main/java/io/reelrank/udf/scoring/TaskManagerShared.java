package io.reelrank.udf.scoring;

import io.reelrank.udf.model.SharedWatchers;

/**
 * The one holder of per-JVM state in ReelRank.
 */
public final class TaskManagerShared {

    private static final SharedWatchers<SharedOrtSessions.Lease> MODEL_WATCHERS = new SharedWatchers<>();

    private TaskManagerShared() {}

    public static SharedWatchers<SharedOrtSessions.Lease> modelWatchers() {
        return MODEL_WATCHERS;
    }
}
