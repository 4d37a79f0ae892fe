package io.reelrank.udf.model;

/**
 * A model loaded into an inference runtime and proven to work there; in ReelRank a lease on an
 * ONNX Runtime session ({@code scoring.SessionLease}). The lifecycle in this package only holds,
 * marks and closes runtimes, so it never depends on the runtime itself.
 */
public interface ModelRuntime extends AutoCloseable {

    LoadedModel model();

    /** Where the model runs, as logs name it: e.g. {@code CPU} or {@code CUDA}. */
    String deviceName();

    /**
     * This model now serves: the runtime keeps its resources once nobody holds them, so a slot that
     * restarts after a failover finds them still loaded.
     */
    void markServing();

    /** Releases this hold on the runtime's resources. */
    @Override
    void close();
}
