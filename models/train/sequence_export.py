"""Exports the sequence ranker as model contract v2 and checks the file before anyone can load it.

Inputs (C candidates and R requests are dynamic axes; N and F are fixed):
features float [C, F], candidate_ids int64 [C], candidate_request int64 [C], history_ids int64 [R, N],
history_actions int64 [R, N], history_age_hours float [R, N], history_mask float [R, N];
outputs: one float [C] per head, named after it. An ablated model declares only the inputs it reads.
"""
import io
from typing import Dict, List, Sequence

import numpy as np
import onnx
import torch

from onnx_export import OPSET, ModelVerificationError
from onnx_interpreter import UnsupportedOperator, run_graph
from sequence_model import SequenceRanker
from sequence_training import INPUTS

# An id embedding table is most of the file: 9k videos at dim 32 with a bias is ~1.2 MB, at dim 64 ~2.4 MB.
MAX_MODEL_BYTES = 16 * 1024 * 1024
TOLERANCE = 1e-4
INPUT_TYPES = {"features": onnx.TensorProto.FLOAT, "candidate_ids": onnx.TensorProto.INT64,
               "candidate_request": onnx.TensorProto.INT64, "history_ids": onnx.TensorProto.INT64,
               "history_actions": onnx.TensorProto.INT64, "history_age_hours": onnx.TensorProto.FLOAT,
               "history_mask": onnx.TensorProto.FLOAT}
PER_REQUEST = {"history_ids", "history_actions", "history_age_hours", "history_mask"}


def export_sequence_onnx(model: SequenceRanker, example: Dict[str, np.ndarray], metadata: Dict[str, str]) -> bytes:
    heads = list(model.shape.heads)
    axes = {name: {0: "R" if name in PER_REQUEST else "C"} for name in INPUTS}
    axes.update({head: {0: "C"} for head in heads})
    buffer = io.BytesIO()
    torch.onnx.export(model.eval(), tuple(torch.from_numpy(example[name]) for name in INPUTS), buffer,
                      input_names=list(INPUTS), output_names=heads, dynamic_axes=axes,
                      opset_version=OPSET, do_constant_folding=True)
    exported = onnx.load_from_string(buffer.getvalue())
    for key, value in metadata.items():
        exported.metadata_props.add(key=key, value=value)
    return exported.SerializeToString()


def graph_inputs(model: onnx.ModelProto) -> List[str]:
    initializers = {init.name for init in model.graph.initializer}
    return [value.name for value in model.graph.input if value.name not in initializers]


def verify_sequence_onnx(model_bytes: bytes, model: SequenceRanker, sample: Dict[str, np.ndarray],
                         feature_count: int, history_length: int) -> List[np.ndarray]:
    """Checker, size, signature (names, types and axes above) and agreement with torch on `sample`
    (which should hold several requests, padding and unknown ids); returns the graph's head scores."""
    if len(model_bytes) > MAX_MODEL_BYTES:
        raise ModelVerificationError(f"model.onnx is {len(model_bytes)} bytes, over the {MAX_MODEL_BYTES} limit")
    exported = onnx.load_from_string(model_bytes)
    onnx.checker.check_model(exported, full_check=True)
    _check_signature(exported, list(model.shape.heads), feature_count, history_length)
    names = graph_inputs(exported)
    try:
        actual = run_graph(exported, {name: sample[name] for name in names})
    except UnsupportedOperator as unsupported:
        raise ModelVerificationError(str(unsupported)) from None
    with torch.no_grad():
        expected = model(*(torch.from_numpy(sample[name]) for name in INPUTS))
    candidates = len(sample["candidate_ids"])
    for head, got, want in zip(model.shape.heads, actual, expected):
        if got.shape != (candidates,):
            raise ModelVerificationError(f"head '{head}' has shape {got.shape}, expected ({candidates},)")
        difference = float(np.max(np.abs(got - want.numpy())))
        if not difference <= TOLERANCE:
            raise ModelVerificationError(f"head '{head}': ONNX and torch differ by {difference} (> {TOLERANCE})")
    return actual


def _check_signature(model: onnx.ModelProto, heads: Sequence[str], feature_count: int, history_length: int) -> None:
    names = graph_inputs(model)
    if not names or any(name not in INPUT_TYPES for name in names) or names != [n for n in INPUTS if n in names]:
        raise ModelVerificationError(f"graph inputs {names} are not a subset of {list(INPUTS)} in that order")
    if [output.name for output in model.graph.output] != list(heads):
        raise ModelVerificationError(f"graph outputs must be the heads {list(heads)}")
    values = {value.name: value for value in list(model.graph.input) + list(model.graph.output)}
    for name in names + list(heads):
        tensor = values[name].type.tensor_type
        dims = tensor.shape.dim
        wanted_type = INPUT_TYPES.get(name, onnx.TensorProto.FLOAT)
        wanted = {"features": ["C", feature_count]}.get(name) or (
            ["R", history_length] if name in PER_REQUEST else ["C"])
        shape = [d.dim_param if isinstance(w, str) else d.dim_value for d, w in zip(dims, wanted)]
        if tensor.elem_type != wanted_type or len(dims) != len(wanted) or shape != wanted:
            raise ModelVerificationError(f"'{name}' must be {onnx.TensorProto.DataType.Name(wanted_type)} {wanted}")
