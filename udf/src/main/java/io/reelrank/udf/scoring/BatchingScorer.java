package io.reelrank.udf.scoring;

import io.reelrank.udf.model.ModelSource;
import io.reelrank.udf.model.ModelVersion;
import io.reelrank.udf.model.ModelWatcher;
import io.reelrank.udf.model.ServingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores requests with the ONNX ranker, micro-batching candidate rows across requests so one
 * native run serves many requests (see {@link MicroBatcher} for when a batch goes out). Each
 * request's future completes with its own slice of the batch's scores and the version of the
 * model that produced them.
 *
 * <p>Use it with {@code AsyncDataStream.unorderedWait}/{@code orderedWait}: the async operator
 * keeps requests that are still buffered here in its checkpoint and re-submits them after a
 * restore, so nothing buffered is lost, and at end of input it waits for them, which the
 * max-wait timer guarantees will come. The operator's timeout fails a request with a message
 * instead of letting the job hang.
 *
 * <p>The model comes from the TaskManager's {@link ModelWatcher}, which swaps new registry
 * versions in while the job runs: each batch takes the serving model when it starts and finishes
 * on it. When a shadow model is configured, the batch is scored with it too, after the requests
 * have been answered, and only the comparison metrics see its scores. The serving version is part
 * of the operator's state ({@link CheckpointedModelVersion}): a restore resumes on it while it is
 * still valid, so the requests replayed from the checkpoint are scored by the same model.
 *
 * <p>Threads per instance: one max-wait timer and {@code scorerThreads} scorers ({@link
 * ScorerPool}), over the sessions {@link SharedOrtSessions} holds for the TaskManager.
 */
public final class BatchingScorer extends RichAsyncFunction<ScoringTask, ScoredTask>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BatchingScorer.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final ModelSource modelSource;
    private final ScorerSettings settings;

    private transient CheckpointedModelVersion checkpointed;
    private transient ModelWatcher<SessionLease> watcher;
    private transient ScorerPool scorers;
    private transient ExecutorService scoringThreads;
    private transient ScheduledExecutorService maxWaitTimer;
    private transient MicroBatcher<Pending> batcher;
    private transient ScoringMetrics metrics;
    private transient ShadowScoring shadow;
    private transient int width;

    public BatchingScorer(ModelSource modelSource, ScorerSettings settings) {
        this.modelSource = modelSource;
        this.settings = settings;
    }

    /** Called before {@link #open}: reads the version to resume on from a restored checkpoint. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = CheckpointedModelVersion.initialize(context, modelSource.modelName());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.snapshot(servingVersion());
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        getRuntimeContext()
                .registerUserCodeClassLoaderReleaseHookIfAbsent(
                        "reelrank-onnx-sessions", TaskManagerShared.sessions()::closeIdleSessions);
        metrics = new ScoringMetrics(getRuntimeContext().getMetricGroup(), () -> watcher);
        String resumeVersion = checkpointed == null ? null : checkpointed.resumeVersion();
        watcher = TaskManagerShared.modelWatchers()
                .subscribe(modelSource, new OnnxValidator(settings.session(), settings.objectives()), metrics,
                        resumeVersion);
        scorers = new ScorerPool(settings.scorerThreads(), settings.objectives(), settings.keptHistoryLength());
        width = modelSource.expectedFeatures().size();
        shadow = new ShadowScoring(watcher, scorers, metrics);

        String threadPrefix = "reelrank-scorer-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        scoringThreads = Executors.newFixedThreadPool(settings.scorerThreads(), threads(threadPrefix));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads(threadPrefix + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        maxWaitTimer = timer;
        batcher = new MicroBatcher<>(
                settings.maxBatchRows(), settings.maxWait(), p -> p.task().rows(), maxWaitTimer, this::submit);
        LOG.info("Scoring with {} (batches up to {} rows, max wait {}, registry polled every {})", servingVersion(),
                settings.maxBatchRows(), settings.maxWait(), modelSource.pollInterval());
    }

    @Override
    public void asyncInvoke(ScoringTask task, ResultFuture<ScoredTask> resultFuture) {
        if (task.width() != width) {
            resultFuture.completeExceptionally(new IllegalArgumentException("request " + task.requestId() + " has "
                    + task.width() + " features per candidate but model " + servingVersion() + " reads " + width
                    + ": feature assembly and the model's spec disagree"));
        } else if (task.rows() == 0) {
            resultFuture.complete(List.of(new ScoredTask(task, new float[0], String.valueOf(servingVersion()))));
        } else {
            batcher.add(new Pending(task, resultFuture));
        }
    }

    @Override
    public void timeout(ScoringTask task, ResultFuture<ScoredTask> resultFuture) {
        resultFuture.completeExceptionally(new TimeoutException("scoring request " + task.requestId() + " ("
                + task.rows() + " candidates) with " + servingVersion() + " did not finish within the async timeout;"
                + " raise the timeout, add scorer threads or parallelism, or lower max batch rows"));
    }

    @Override
    public void close() throws Exception {
        if (batcher != null) {
            // Only a cancelled task closes with requests still buffered; the async operator's
            // checkpoint holds them and replays them on restore, so they are dropped here.
            int dropped = batcher.close().size();
            LOG.debug("Scorer closing with {} buffered requests left to the checkpoint", dropped);
        }
        if (maxWaitTimer != null) {
            maxWaitTimer.shutdownNow();
        }
        boolean idle = true;
        if (scoringThreads != null) {
            scoringThreads.shutdown();
            idle = scoringThreads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        if (idle) {
            if (scorers != null) {
                scorers.close();
            }
            if (watcher != null) {
                TaskManagerShared.modelWatchers().unsubscribe(watcher, metrics);
            }
        } else {
            // A native run is still going: keep its session leased rather than risk closing it under the run.
            LOG.warn("Scoring threads still busy after {} s; leaving their ONNX session leased", CLOSE_WAIT_SECONDS);
            scoringThreads.shutdownNow();
        }
        super.close();
    }

    private ModelVersion servingVersion() {
        return watcher == null ? null : watcher.servingVersion();
    }

    private void submit(List<Pending> batch) {
        try {
            scoringThreads.execute(() -> score(batch));
        } catch (RejectedExecutionException closing) {
            LOG.debug("Dropping a batch of {} requests: the scorer is closing", batch.size());
        }
    }

    private void score(List<Pending> batch) {
        List<ScoringTask> tasks = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            tasks.add(pending.task());
        }
        ServingModel<SessionLease> model = watcher.retainServing();
        String version = model.version().toString();
        BatchScores scores;
        long start = System.nanoTime();
        try {
            scores = scorers.score(model, tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            RuntimeException failure = new RuntimeException("scoring a batch of " + batch.size()
                    + " requests with model " + version + " failed", e);
            batch.forEach(pending -> pending.future().completeExceptionally(failure));
            return;
        } finally {
            model.release();
        }
        metrics.recordBatch(scores.rows(), System.nanoTime() - start);
        metrics.recordHeads(scores);
        int offset = 0;
        for (Pending pending : batch) {
            pending.future().complete(List.of(scores.slice(pending.task(), offset, version)));
            offset += pending.task().rows();
        }
        shadow.compare(tasks, scores.fused());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Pending(ScoringTask task, ResultFuture<ScoredTask> future) {}
}
