package io.reelrank.udf.scoring;

import static io.reelrank.udf.model.ModelContract.CANDIDATE_IDS;
import static io.reelrank.udf.model.ModelContract.CANDIDATE_REQUEST;
import static io.reelrank.udf.model.ModelContract.FEATURES;
import static io.reelrank.udf.model.ModelContract.HISTORY_ACTIONS;
import static io.reelrank.udf.model.ModelContract.HISTORY_AGE_HOURS;
import static io.reelrank.udf.model.ModelContract.HISTORY_IDS;
import static io.reelrank.udf.model.ModelContract.HISTORY_MASK;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.reelrank.udf.model.Vocabulary;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the input tensors a contract v2 model declares for a batch of tasks (C candidate rows
 * over R requests): features, candidate ids through the vocabulary, each candidate's request
 * row, and the requests' N newest history entries, padded. Every tensor is written into a direct
 * buffer kept between calls, which ONNX Runtime reads in place. Not thread-safe: one per scorer.
 */
final class ContractInputs {

    private final Set<String> declared;
    private final int width;
    private final int historyLength;
    private final Vocabulary vocabulary;
    private final Map<String, Buffer> buffers = new HashMap<>();

    ContractInputs(List<String> declared, int width, Integer historyLength, Vocabulary vocabulary) {
        this.declared = Set.copyOf(declared);
        this.width = width;
        this.historyLength = historyLength == null ? 0 : historyLength;
        this.vocabulary = vocabulary;
    }

    /** The declared tensors for {@code tasks}, by input name; the caller closes them after the run. */
    Map<String, OnnxTensor> tensors(OrtEnvironment env, List<ScoringTask> tasks) throws OrtException {
        int rows = 0;
        for (ScoringTask task : tasks) {
            rows = Math.addExact(rows, task.rows());
        }
        long[] candidates = {rows};
        long[] histories = {tasks.size(), historyLength};
        int historyValues = Math.multiplyExact(tasks.size(), historyLength);
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            if (declared.contains(FEATURES)) {
                FloatBuffer features = floats(FEATURES, Math.multiplyExact(rows, width));
                for (ScoringTask task : tasks) {
                    features.put(task.features());
                }
                tensors.put(FEATURES, OnnxTensor.createTensor(env, features.flip(), new long[] {rows, width}));
            }
            if (declared.contains(CANDIDATE_IDS)) {
                tensors.put(CANDIDATE_IDS, OnnxTensor.createTensor(env, candidateIds(tasks, rows), candidates));
            }
            if (declared.contains(CANDIDATE_REQUEST)) {
                tensors.put(CANDIDATE_REQUEST, OnnxTensor.createTensor(env, candidateRequests(tasks, rows), candidates));
            }
            if (declared.contains(HISTORY_IDS)) {
                LongBuffer ids = longs(HISTORY_IDS, historyValues);
                for (ScoringTask task : tasks) {
                    RequestHistory history = task.history();
                    for (int j = 0; j < historyLength; j++) {
                        ids.put(j < history.size() ? vocabulary.index(history.videoIds()[j]) : Vocabulary.PAD_INDEX);
                    }
                }
                tensors.put(HISTORY_IDS, OnnxTensor.createTensor(env, ids.flip(), histories));
            }
            if (declared.contains(HISTORY_ACTIONS)) {
                LongBuffer actions = longs(HISTORY_ACTIONS, historyValues);
                for (ScoringTask task : tasks) {
                    RequestHistory history = task.history();
                    for (int j = 0; j < historyLength; j++) {
                        actions.put(j < history.size() ? history.actions()[j] : 0);
                    }
                }
                tensors.put(HISTORY_ACTIONS, OnnxTensor.createTensor(env, actions.flip(), histories));
            }
            if (declared.contains(HISTORY_AGE_HOURS)) {
                FloatBuffer ages = floats(HISTORY_AGE_HOURS, historyValues);
                for (ScoringTask task : tasks) {
                    RequestHistory history = task.history();
                    for (int j = 0; j < historyLength; j++) {
                        ages.put(j < history.size() ? history.ageHours(j, task.eventTs()) : 0f);
                    }
                }
                tensors.put(HISTORY_AGE_HOURS, OnnxTensor.createTensor(env, ages.flip(), histories));
            }
            if (declared.contains(HISTORY_MASK)) {
                FloatBuffer mask = floats(HISTORY_MASK, historyValues);
                for (ScoringTask task : tasks) {
                    int real = Math.min(historyLength, task.history().size());
                    for (int j = 0; j < historyLength; j++) {
                        mask.put(j < real ? 1f : 0f);
                    }
                }
                tensors.put(HISTORY_MASK, OnnxTensor.createTensor(env, mask.flip(), histories));
            }
            return tensors;
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private LongBuffer candidateIds(List<ScoringTask> tasks, int rows) {
        LongBuffer ids = longs(CANDIDATE_IDS, rows);
        for (ScoringTask task : tasks) {
            for (String videoId : task.videoIds()) {
                ids.put(vocabulary.index(videoId));
            }
        }
        return ids.flip();
    }

    /** Row {@code r} of the history tensors belongs to task {@code r}; each candidate points at its task's row. */
    private LongBuffer candidateRequests(List<ScoringTask> tasks, int rows) {
        LongBuffer requestRows = longs(CANDIDATE_REQUEST, rows);
        for (int r = 0; r < tasks.size(); r++) {
            for (int i = tasks.get(r).rows(); i > 0; i--) {
                requestRows.put(r);
            }
        }
        return requestRows.flip();
    }

    private FloatBuffer floats(String input, int values) {
        Buffer held = buffers.get(input);
        FloatBuffer buffer = held != null && held.capacity() >= values ? (FloatBuffer) held
                : direct(values, held, Float.BYTES).asFloatBuffer();
        buffers.put(input, buffer);
        return buffer.clear();
    }

    private LongBuffer longs(String input, int values) {
        Buffer held = buffers.get(input);
        LongBuffer buffer = held != null && held.capacity() >= values ? (LongBuffer) held
                : direct(values, held, Long.BYTES).asLongBuffer();
        buffers.put(input, buffer);
        return buffer.clear();
    }

    /** A new buffer for at least {@code values}, doubling the old one's capacity so growth is rare. */
    private static ByteBuffer direct(int values, Buffer old, int bytesPer) {
        int capacity = Math.max(values, old == null ? 0 : Math.min(Integer.MAX_VALUE / 16, old.capacity() * 2));
        return ByteBuffer.allocateDirect(Math.multiplyExact(capacity, bytesPer)).order(ByteOrder.nativeOrder());
    }
}
