package io.reelrank.udf.features;

/**
 * The name under which savepoints of ReelRank 0.1 recorded the serializer snapshot of the catalog broadcast state of the layout before its own serializer;
 * Flink resolves snapshot classes by name, so this name stays for as long as such savepoints
 * may be restored. New snapshots are written as {@link io.reelrank.udf.catalog.SharedValueSerializer.Snapshot}.
 */
@Deprecated
public final class SharedValueSerializer {

    private SharedValueSerializer() {}

    /** Reads a 0.1 snapshot as the moved serializer's own. */
    public static final class Snapshot<T> extends io.reelrank.udf.catalog.SharedValueSerializer.Snapshot<T> {}
}
