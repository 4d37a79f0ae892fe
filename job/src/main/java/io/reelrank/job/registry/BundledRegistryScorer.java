package io.reelrank.job.registry;

import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.scoring.BatchingScorer;
import io.reelrank.udf.scoring.ScoredTask;
import io.reelrank.udf.scoring.ScorerSettings;
import io.reelrank.udf.scoring.ScoringTask;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.WrappingFunction;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * The {@link BatchingScorer} for a registry inside the job jar ({@link BundledRegistry}): on the
 * TaskManager, before anything else runs, it copies the registry to local disk and puts a scorer
 * that reads the copy in place of the one it was built with. Flink hands the wrapped scorer its
 * runtime context, open and close, and its checkpointed state through {@link WrappingFunction},
 * so the operator behaves as with a plain {@link BatchingScorer}.
 */
public final class BundledRegistryScorer extends WrappingFunction<BatchingScorer>
        implements AsyncFunction<ScoringTask, ScoredTask> {

    private static final long serialVersionUID = 1L;

    private final ModelSource source;
    private final ScorerSettings settings;

    /** {@code source}'s registry root names a folder of the job jar ({@link BundledRegistry#PREFIX}). */
    public BundledRegistryScorer(ModelSource source, ScorerSettings settings) {
        // Building the job graph looks at the wrapped function; it is replaced before it runs.
        super(new BatchingScorer(source, settings));
        if (!BundledRegistry.isBundled(source.registryRoot())) {
            throw new IllegalArgumentException(source.registryRoot() + " is not a registry inside the job jar");
        }
        this.source = source;
        this.settings = settings;
    }

    /** The first call on the TaskManager: before state is restored and before open. */
    @Override
    public void setRuntimeContext(RuntimeContext context) {
        String localRoot = BundledRegistry.localCopy(source.registryRoot()).toUri().toString();
        wrappedFunction = new BatchingScorer(new ModelSource(localRoot, source.modelName(), source.expectedFeatures(),
                source.expectedSpecHash(), source.pollInterval(), source.shadowVersion()), settings);
        super.setRuntimeContext(context);
    }

    @Override
    public void asyncInvoke(ScoringTask task, ResultFuture<ScoredTask> resultFuture) {
        wrappedFunction.asyncInvoke(task, resultFuture);
    }

    @Override
    public void timeout(ScoringTask task, ResultFuture<ScoredTask> resultFuture) {
        wrappedFunction.timeout(task, resultFuture);
    }
}
