package io.reelrank.udf.scoring;

import ai.onnxruntime.OrtException;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.LoadedModel;
import io.reelrank.udf.model.ModelValidator;
import java.util.Map;

/**
 * The ONNX Runtime checks a model passes before it may serve: ONNX Runtime loads it with {@code
 * settings}, its input and output tensors have the names, types and shapes model.json promises,
 * the {@code objectives} the job fuses with (null: model.json's) name heads it has, and a canary
 * batch scores finite (and, when declared, in-range) values.
 */
public record OnnxValidator(SessionSettings settings, Map<String, Double> objectives)
        implements ModelValidator<SessionLease> {

    /** A validator for a job that fuses heads as each model's model.json says. */
    public OnnxValidator(SessionSettings settings) {
        this(settings, null);
    }

    /** Loads {@code model} into a shared session and checks it; the caller closes the lease it returns. */
    @Override
    public SessionLease validate(LoadedModel model) throws InvalidModelException {
        SessionLease lease;
        try {
            lease = TaskManagerShared.sessions().acquire(model, settings);
        } catch (OrtException e) {
            throw new InvalidModelException(model.location() + ": ONNX Runtime cannot load model " + model.version()
                    + " (" + e.getMessage() + "); the file is corrupt or uses operators this runtime lacks:"
                    + " re-export it with opset 17 and check it with onnx.checker", e);
        }
        try (OnnxScorer scorer = new OnnxScorer(lease.share(), objectives)) {
            scorer.checkCanary();
        } catch (InvalidModelException e) {
            lease.closeAndEvict();
            throw e;
        } catch (OrtException | RuntimeException e) {
            lease.closeAndEvict();
            throw new InvalidModelException(model.location() + ": model " + model.version()
                    + " fails on the canary batch (" + e.getMessage() + "); re-export it", e);
        }
        return lease;
    }
}
