"""A numpy interpreter of the few ONNX operators the ReelRank models export to.

onnxruntime is not available to the training code and onnx 1.12 has no reference evaluator, so
the exporters check a file by running it here and comparing with torch: what the file says, not
what torch thinks it exported. Any other operator is refused, which also keeps the graphs to
operators the job's ONNX Runtime certainly has.
"""
from typing import Dict, List

import numpy as np
import onnx
from onnx import numpy_helper


class UnsupportedOperator(Exception):
    pass


def run_graph(model: onnx.ModelProto, inputs: Dict[str, np.ndarray]) -> List[np.ndarray]:
    """The graph's outputs, in order, for the named inputs."""
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    values.update(inputs)
    for node in model.graph.node:
        attributes = {attribute.name: onnx.helper.get_attribute_value(attribute) for attribute in node.attribute}
        args = [values[name] if name else None for name in node.input]
        values[node.output[0]] = run_node(node.op_type, args, attributes)
    return [values[output.name] for output in model.graph.output]


def _axes(args, attributes):
    if len(args) > 1 and args[1] is not None:
        return tuple(int(a) for a in args[1])
    return tuple(attributes["axes"]) if "axes" in attributes else None


def run_node(op: str, args, attributes) -> np.ndarray:
    if op == "Constant":
        return numpy_helper.to_array(attributes["value"])
    if op == "Gemm":
        a = args[0].T if attributes.get("transA", 0) else args[0]
        b = args[1].T if attributes.get("transB", 0) else args[1]
        result = attributes.get("alpha", 1.0) * (a @ b)
        return result + attributes.get("beta", 1.0) * args[2] if len(args) > 2 else result
    binary = {"MatMul": np.matmul, "Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}
    if op in binary:
        result = binary[op](args[0], args[1])
        return result.astype(args[0].dtype) if op == "Div" and args[0].dtype.kind in "iu" else result
    if op == "Relu":
        return np.maximum(args[0], 0)
    if op == "Sigmoid":
        return (1.0 / (1.0 + np.exp(-args[0]))).astype(args[0].dtype)
    if op in ("Log", "Floor"):
        return np.log(args[0]) if op == "Log" else np.floor(args[0])
    if op == "Clip":
        low = args[1] if len(args) > 1 and args[1] is not None else -np.inf
        high = args[2] if len(args) > 2 and args[2] is not None else np.inf
        return np.clip(args[0], low, high).astype(args[0].dtype)
    if op == "Cast":
        return args[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[attributes["to"]])
    if op == "Gather":
        return np.take(args[0], args[1].astype(np.int64), axis=attributes.get("axis", 0))
    if op == "Concat":
        return np.concatenate(args, axis=attributes["axis"])
    if op == "Softmax":
        axis = attributes.get("axis", -1)
        shifted = np.exp(args[0] - args[0].max(axis=axis, keepdims=True))
        return shifted / shifted.sum(axis=axis, keepdims=True)
    if op == "ReduceSum":
        axes = _axes(args, attributes)
        return np.sum(args[0], axis=axes, keepdims=bool(attributes.get("keepdims", 1)))
    if op == "Unsqueeze":
        return np.expand_dims(args[0], _axes(args, attributes))
    if op == "Squeeze":
        return np.squeeze(args[0], _axes(args, attributes))
    raise UnsupportedOperator(f"exported graph uses {op}, which the verifier does not know")
