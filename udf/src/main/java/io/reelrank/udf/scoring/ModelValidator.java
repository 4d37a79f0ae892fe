package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtException;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;

/**
 * The checks a model passes before it may serve, after {@link ModelRegistry#load} has checked its
 * metadata, feature names, spec hash and checksum: ONNX Runtime loads it, its input and output
 * tensors have the names, types and shapes model.json promises, and a canary batch scores
 * finite (and, when declared, in-range) values. The running job ({@link ModelWatcher}) and the
 * validate-model tool both call this, so a model the tool accepts is one the job accepts.
 */
public final class ModelValidator {

    private ModelValidator() {}

    /** Loads {@code model} into a session and checks it; the result holds the session's lease. */
    public static ServingModel validate(LoadedModel model, SessionSettings settings) throws InvalidModelException {
        SharedOrtSessions.Lease lease;
        try {
            lease = SharedOrtSessions.acquire(model, settings);
        } catch (OrtException e) {
            throw new InvalidModelException(model.location() + ": ONNX Runtime cannot load model " + model.version()
                    + " (" + e.getMessage() + "); the file is corrupt or uses operators this runtime lacks:"
                    + " re-export it with opset 17 and check it with onnx.checker", e);
        }
        try (OnnxScorer scorer = new OnnxScorer(lease.share())) {
            scorer.checkCanary();
        } catch (InvalidModelException e) {
            lease.closeAndEvict();
            throw e;
        } catch (OrtException | RuntimeException e) {
            lease.closeAndEvict();
            throw new InvalidModelException(model.location() + ": model " + model.version()
                    + " fails on the canary batch (" + e.getMessage() + "); re-export it", e);
        }
        return new ServingModel(lease);
    }
}
