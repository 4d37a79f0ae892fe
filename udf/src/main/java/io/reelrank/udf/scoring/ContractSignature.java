package io.reelrank.udf.scoring;

import static io.reelrank.udf.model.ModelContract.CANDIDATE_IDS;
import static io.reelrank.udf.model.ModelContract.CANDIDATE_REQUEST;
import static io.reelrank.udf.model.ModelContract.FEATURES;
import static io.reelrank.udf.model.ModelContract.HISTORY_ACTIONS;
import static io.reelrank.udf.model.ModelContract.HISTORY_IDS;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.ModelMetadata;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks a contract v2 model's graph against its model.json: every declared input exists with
 * the contract's element type and shape (C and R dynamic, F and N as declared), the graph reads
 * nothing undeclared, and every declared head is a float tensor of one value per candidate.
 */
final class ContractSignature {

    private ContractSignature() {}

    static void check(OrtSession session, ModelMetadata metadata, String where)
            throws InvalidModelException, OrtException {
        Map<String, NodeInfo> graphInputs = session.getInputInfo();
        for (String graphInput : graphInputs.keySet()) {
            if (!metadata.inputs().contains(graphInput)) {
                throw new InvalidModelException(where + " reads input '" + graphInput + "' that model.json does not"
                        + " declare (declared: " + metadata.inputs() + "); add it to inputs or re-export without it");
            }
        }
        for (String input : metadata.inputs()) {
            NodeInfo node = graphInputs.get(input);
            if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
                throw new InvalidModelException(where + " declares input '" + input + "' but its graph has no such"
                        + " tensor (inputs: " + graphInputs.keySet() + "); fix inputs in model.json or the export");
            }
            OnnxJavaType type = expectedType(input);
            long[] expected = expectedShape(input, metadata);
            if (info.type != type || !matches(info.getShape(), expected)) {
                throw new InvalidModelException(where + " input '" + input + "' is " + info.type + " "
                        + Arrays.toString(info.getShape()) + " but the contract says " + type + " "
                        + describe(input, expected) + "; re-export it with that type and dynamic C/R axes");
            }
        }
        Map<String, NodeInfo> graphOutputs = session.getOutputInfo();
        for (String head : metadata.outputs()) {
            NodeInfo node = graphOutputs.get(head);
            if (node == null || !(node.getInfo() instanceof TensorInfo info) || info.type != OnnxJavaType.FLOAT) {
                throw new InvalidModelException(where + " has no float output '" + head + "' (outputs: "
                        + graphOutputs.keySet() + "); fix outputs in model.json or the export");
            }
            long[] shape = info.getShape();
            boolean onePerCandidate = shape.length >= 1 && shape[0] < 0
                    && (shape.length == 1 || (shape.length == 2 && (shape[1] == 1 || shape[1] < 0)));
            if (!onePerCandidate) {
                throw new InvalidModelException(where + " output '" + head + "' has shape " + Arrays.toString(shape)
                        + "; a head returns one value per candidate, [C] or [C, 1] with C dynamic");
            }
        }
    }

    private static OnnxJavaType expectedType(String input) {
        return input.equals(CANDIDATE_IDS) || input.equals(CANDIDATE_REQUEST) || input.equals(HISTORY_IDS)
                || input.equals(HISTORY_ACTIONS) ? OnnxJavaType.INT64 : OnnxJavaType.FLOAT;
    }

    /** -1 marks a dimension that must be dynamic (C or R). */
    private static long[] expectedShape(String input, ModelMetadata metadata) {
        if (input.equals(FEATURES)) {
            return new long[] {-1, metadata.features().size()};
        }
        if (input.startsWith("candidate_")) {
            return new long[] {-1};
        }
        return new long[] {-1, metadata.historyLength()};
    }

    /** Dynamic where the contract says so; a fixed F or N may also be left dynamic by the export. */
    private static boolean matches(long[] actual, long[] expected) {
        if (actual.length != expected.length || actual[0] >= 0) {
            return false;
        }
        return actual.length == 1 || actual[1] < 0 || actual[1] == expected[1];
    }

    private static String describe(String input, long[] expected) {
        if (input.equals(FEATURES)) {
            return "[C, " + expected[1] + "]";
        }
        return expected.length == 1 ? "[C]" : "[R, " + expected[1] + "]";
    }
}
