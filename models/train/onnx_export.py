"""Exports the serving MLP to ONNX and checks the file before anyone can load it.

onnxruntime is not available to the training code, so the check runs the exported graph with a
small numpy interpreter of the operators a Linear/ReLU/Sigmoid MLP exports to. That compares what
the file says against torch, not what torch thinks it exported.
"""
import io
from typing import Dict, Sequence

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

INPUT_NAME = "features"
OUTPUT_NAME = "score"
OPSET = 17
MAX_MODEL_BYTES = 1024 * 1024
TOLERANCE = 1e-5


class ModelVerificationError(Exception):
    """The exported model does not behave like the trained one; it must not reach the registry."""


def export_onnx(serving: nn.Sequential, feature_names: Sequence[str], metadata: Dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    example = torch.zeros(2, len(feature_names), dtype=torch.float32)
    torch.onnx.export(
        serving, example, buffer, input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        opset_version=OPSET, do_constant_folding=True)
    model = onnx.load_from_string(buffer.getvalue())
    # model.json is the contract, but a model.onnx copied out of the registry still says what it expects.
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=value)
    return model.SerializeToString()


def run_onnx(model: onnx.ModelProto, features: np.ndarray) -> np.ndarray:
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    values[model.graph.input[0].name] = features.astype(np.float32)
    for node in model.graph.node:
        attributes = {attribute.name: onnx.helper.get_attribute_value(attribute) for attribute in node.attribute}
        inputs = [values[name] for name in node.input]
        values[node.output[0]] = _run_node(node.op_type, inputs, attributes)
    return values[model.graph.output[0].name]


def _run_node(op_type: str, inputs, attributes) -> np.ndarray:
    if op_type == "Gemm":
        a = inputs[0].T if attributes.get("transA", 0) else inputs[0]
        b = inputs[1].T if attributes.get("transB", 0) else inputs[1]
        result = attributes.get("alpha", 1.0) * (a @ b)
        return result + attributes.get("beta", 1.0) * inputs[2] if len(inputs) > 2 else result
    if op_type == "MatMul":
        return inputs[0] @ inputs[1]
    if op_type == "Add":
        return inputs[0] + inputs[1]
    if op_type == "Relu":
        return np.maximum(inputs[0], 0)
    if op_type == "Sigmoid":
        return 1.0 / (1.0 + np.exp(-inputs[0]))
    raise ModelVerificationError(f"exported graph uses {op_type}, which the verifier does not know")


def verify_onnx(model_bytes: bytes, serving: nn.Sequential, feature_count: int, sample: np.ndarray) -> onnx.ModelProto:
    """Checker, size, signature ([batch, F] float -> [batch, 1] float, named as model.json says)
    and numerical agreement with torch on `sample`; returns the loaded model."""
    if len(model_bytes) > MAX_MODEL_BYTES:
        raise ModelVerificationError(f"model.onnx is {len(model_bytes)} bytes, over the {MAX_MODEL_BYTES} limit")
    model = onnx.load_from_string(model_bytes)
    onnx.checker.check_model(model, full_check=True)
    _check_signature(model, feature_count)
    with torch.no_grad():
        expected = serving(torch.from_numpy(sample.astype(np.float32))).numpy()
    actual = run_onnx(model, sample)
    if actual.shape != (len(sample), 1):
        raise ModelVerificationError(f"output shape {actual.shape}, expected ({len(sample)}, 1)")
    difference = float(np.max(np.abs(actual - expected)))
    if not difference <= TOLERANCE:
        raise ModelVerificationError(f"ONNX and torch scores differ by {difference} (> {TOLERANCE})")
    return model


def _check_signature(model: onnx.ModelProto, feature_count: int) -> None:
    graph_inputs = [value for value in model.graph.input if value.name not in {i.name for i in model.graph.initializer}]
    if [value.name for value in graph_inputs] != [INPUT_NAME] or [o.name for o in model.graph.output] != [OUTPUT_NAME]:
        raise ModelVerificationError(f"graph must map '{INPUT_NAME}' to '{OUTPUT_NAME}'")
    for value, width in ((graph_inputs[0], feature_count), (model.graph.output[0], 1)):
        tensor = value.type.tensor_type
        dims = tensor.shape.dim
        if tensor.elem_type != onnx.TensorProto.FLOAT or len(dims) != 2:
            raise ModelVerificationError(f"'{value.name}' must be a 2-d float tensor")
        if not dims[0].dim_param or dims[1].dim_value != width:
            raise ModelVerificationError(f"'{value.name}' must be [batch, {width}] with a dynamic batch axis")
