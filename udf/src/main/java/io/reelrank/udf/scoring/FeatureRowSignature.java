package io.reelrank.udf.scoring;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.reelrank.udf.model.InvalidModelException;
import io.reelrank.udf.model.ModelMetadata;
import java.util.Arrays;

/**
 * Checks a contract v1 model's graph against its model.json: one float input {@code input_name}
 * of {@code [batch, width]} and one float output {@code output_name} of one score per row.
 */
final class FeatureRowSignature {

    private FeatureRowSignature() {}

    static void check(OrtSession session, ModelMetadata metadata, int width, String where)
            throws InvalidModelException, OrtException {
        String inputName = metadata.inputName();
        String outputName = metadata.outputName();
        NodeInfo in = session.getInputInfo().get(inputName);
        if (in == null || !(in.getInfo() instanceof TensorInfo inInfo) || inInfo.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException(where + " has no float input tensor '" + inputName + "' (inputs: "
                    + session.getInputInfo().values() + "); fix input_name in model.json or the export");
        }
        long[] inShape = inInfo.getShape();
        if (inShape.length != 2 || (inShape[1] >= 0 && inShape[1] != width)) {
            throw new InvalidModelException(where + " input '" + inputName + "' has shape "
                    + Arrays.toString(inShape) + " but model.json lists " + width
                    + " features; the model must read [batch, " + width + "]");
        }
        NodeInfo out = session.getOutputInfo().get(outputName);
        if (out == null || !(out.getInfo() instanceof TensorInfo outInfo) || outInfo.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException(where + " has no float output tensor '" + outputName + "' (outputs: "
                    + session.getOutputInfo().values() + "); fix output_name in model.json or the export");
        }
        long[] outShape = outInfo.getShape();
        boolean onePerRow = outShape.length == 1 || (outShape.length == 2 && (outShape[1] == 1 || outShape[1] < 0));
        if (!onePerRow) {
            throw new InvalidModelException(where + " output '" + outputName + "' has shape "
                    + Arrays.toString(outShape) + "; a ranker returns one score per row, [batch, 1] or [batch]");
        }
    }
}
