package io.reelrank.udf.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelContract;
import io.reelrank.udf.model.ModelMetadata;
import io.reelrank.udf.model.ModelVersion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores whole batches with one leased ONNX session: one native run per call, never one per
 * candidate. A contract v1 model reads one input tensor {@code [rows, width]}: rows are copied
 * into a direct buffer that this scorer keeps and grows, which ONNX Runtime reads in place. A
 * contract v2 model reads the inputs its model.json declares and returns several heads, fused by
 * the objective weights ({@link ContractBatchScorer}).
 *
 * <p>Not thread-safe because of that buffer: use one scorer per thread. The session behind it
 * is shared and safe to run concurrently.
 */
public final class OnnxScorer implements AutoCloseable {

    private final SessionLease lease;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final int width;
    /** Null for a contract v1 model. */
    private final ContractBatchScorer contract;
    private FloatBuffer input;

    /** Takes ownership of {@code lease}; checks the session's signature against the metadata. */
    public OnnxScorer(SessionLease lease) throws InvalidModelException, OrtException {
        this(lease, null);
    }

    /**
     * Takes ownership of {@code lease} and checks the session's signature against the metadata;
     * {@code objectives} (head name to weight; null or empty: model.json's) fuse a v2 model's heads
     * and must name heads the model has. A v1 model's single output is served as it is.
     */
    public OnnxScorer(SessionLease lease, Map<String, Double> objectives) throws InvalidModelException, OrtException {
        this.lease = lease;
        this.session = lease.session();
        ModelMetadata metadata = lease.model().metadata();
        this.inputName = metadata.inputName();
        this.outputName = metadata.outputName();
        this.width = metadata.features().size();
        try {
            float[] weights = ModelContract.fusionWeights(metadata, objectives, lease.model().location());
            if (metadata.isV2()) {
                ContractSignature.check(session, metadata, lease.model().location() + ": model " + modelVersion());
                this.contract = new ContractBatchScorer(lease.model(), weights);
            } else {
                FeatureRowSignature.check(session, metadata, width,
                        lease.model().location() + ": model " + modelVersion());
                this.contract = null;
            }
        } catch (InvalidModelException | OrtException | RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    public ModelVersion modelVersion() {
        return lease.model().version();
    }

    /** The model this scorer runs, as the registry loaded it. */
    public LoadedModel model() {
        return lease.model();
    }

    /** The number of feature columns the model reads. */
    public int width() {
        return width;
    }

    /**
     * Scores a batch of tasks in one run: their feature rows and, for a v2 model, their candidate
     * ids and histories. Scores come back in the order of the tasks' rows.
     */
    public BatchScores score(List<ScoringTask> tasks) throws OrtException {
        if (contract != null) {
            return contract.score(lease.environment(), session, tasks);
        }
        List<float[]> blocks = new ArrayList<>(tasks.size());
        for (ScoringTask task : tasks) {
            blocks.add(task.features());
        }
        return BatchScores.single(score(blocks, width));
    }

    /** Scores {@code rows} rows of {@code width} values laid out row-major in {@code rowMajor} (v1 models). */
    public float[] score(float[] rowMajor, int rows, int width) throws OrtException {
        checkFeaturesOnly();
        checkWidth(width);
        int values = Math.multiplyExact(rows, width);
        if (rows <= 0 || rowMajor.length < values) {
            throw new IllegalArgumentException(
                    rows + " rows of " + width + " need " + values + " values, got " + rowMajor.length);
        }
        FloatBuffer batch = inputBuffer(values);
        batch.put(rowMajor, 0, values);
        return run(batch.flip(), rows);
    }

    /**
     * Scores the row-major blocks of several requests as one batch, without first copying them
     * into one array; scores come back in the order of the rows.
     */
    public float[] score(List<float[]> rowMajorBlocks, int width) throws OrtException {
        checkFeaturesOnly();
        checkWidth(width);
        int values = 0;
        for (float[] block : rowMajorBlocks) {
            if (block.length % width != 0) {
                throw new IllegalArgumentException("a block of " + block.length + " values is not rows of " + width);
            }
            values = Math.addExact(values, block.length);
        }
        if (values == 0) {
            throw new IllegalArgumentException("nothing to score");
        }
        FloatBuffer batch = inputBuffer(values);
        for (float[] block : rowMajorBlocks) {
            batch.put(block);
        }
        return run(batch.flip(), values / width);
    }

    private float[] run(FloatBuffer batch, int rows) throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(lease.environment(), batch, new long[] {rows, width});
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue output = result.get(outputName)
                    .orElseThrow(() -> new IllegalStateException("model " + modelVersion() + " returned no " + outputName));
            FloatBuffer scores = ((OnnxTensor) output).getFloatBuffer();
            if (scores.remaining() != rows) {
                throw new IllegalStateException("model " + modelVersion() + " returned " + scores.remaining()
                        + " scores for " + rows + " rows");
            }
            float[] out = new float[rows];
            scores.get(out);
            return out;
        }
    }

    private void checkFeaturesOnly() {
        if (contract != null) {
            throw new IllegalStateException("model " + modelVersion() + " follows contract v2 and reads more than"
                    + " feature rows; score it with score(List<ScoringTask>)");
        }
    }

    private void checkWidth(int width) {
        if (width != this.width) {
            throw new IllegalArgumentException(
                    "model " + modelVersion() + " reads " + this.width + " features per row, got rows of " + width);
        }
    }

    /**
     * Scores the {@link CanaryBatch} and rejects a model whose (fused) scores are not finite or
     * leave the {@code score_range} its model.json declares: a broken export fails here, before
     * it serves.
     */
    public void checkCanary() throws InvalidModelException, OrtException {
        if (contract == null) {
            CanaryBatch.checkScores(score(CanaryBatch.rows(width), CanaryBatch.ROWS, width), lease.model());
            return;
        }
        // score_range describes the model's heads; the fused score's scale is the job's weights' business.
        BatchScores scores = score(CanaryBatch.tasks(lease.model()));
        CanaryBatch.checkFinite(scores.fused(), lease.model());
        for (float[] head : scores.heads() == null ? new float[][] {scores.fused()} : scores.heads()) {
            CanaryBatch.checkScores(head, lease.model());
        }
    }

    @Override
    public void close() {
        lease.close();
    }

    private FloatBuffer inputBuffer(int values) {
        if (input == null || input.capacity() < values) {
            int capacity = Math.max(values, input == null ? 0 : Math.min(Integer.MAX_VALUE / 8, input.capacity() * 2));
            input = ByteBuffer.allocateDirect(capacity * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }
        input.clear();
        return input;
    }
}
