package io.reelrank.udf.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelMetadata;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Scores a batch of tasks with a contract v2 model in one native run: builds every declared
 * input ({@link ContractInputs}), reads every head, and fuses them into one score per candidate,
 * {@code sum(weight[h] * head[h])}. Not thread-safe: one per scorer.
 */
final class ContractBatchScorer {

    private final ContractInputs inputs;
    private final String[] heads;
    private final float[] weights;
    private final String model;

    ContractBatchScorer(LoadedModel model, float[] weights) {
        ModelMetadata metadata = model.metadata();
        this.inputs = new ContractInputs(metadata.inputs(), metadata.features().size(), metadata.historyLength(),
                model.vocabulary());
        this.heads = metadata.heads().toArray(String[]::new);
        this.weights = weights.clone();
        this.model = model.version().toString();
    }

    BatchScores score(OrtEnvironment env, OrtSession session, List<ScoringTask> tasks) throws OrtException {
        Map<String, OnnxTensor> tensors = inputs.tensors(env, tasks);
        try (OrtSession.Result result = session.run(tensors)) {
            int rows = candidateRows(tasks);
            float[][] values = new float[heads.length][];
            float[] fused = new float[rows];
            for (int h = 0; h < heads.length; h++) {
                String head = heads[h];
                OnnxValue output = result.get(head)
                        .orElseThrow(() -> new IllegalStateException("model " + model + " returned no " + head));
                FloatBuffer buffer = ((OnnxTensor) output).getFloatBuffer();
                if (buffer.remaining() != rows) {
                    throw new IllegalStateException("model " + model + " returned " + buffer.remaining() + " values of "
                            + head + " for " + rows + " candidates");
                }
                values[h] = new float[rows];
                buffer.get(values[h]);
                float weight = weights[h];
                if (weight != 0f) {
                    for (int i = 0; i < rows; i++) {
                        fused[i] += weight * values[h][i];
                    }
                }
            }
            return new BatchScores(fused, heads, values);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private static int candidateRows(List<ScoringTask> tasks) {
        int rows = 0;
        for (ScoringTask task : tasks) {
            rows += task.rows();
        }
        return rows;
    }
}
