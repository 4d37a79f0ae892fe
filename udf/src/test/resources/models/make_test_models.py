#!/usr/bin/python3
"""Builds the tiny ONNX models the scoring tests load, by hand with onnx.helper (opset 17).

Run from anywhere with /usr/bin/python3 (Debian's python3-onnx); the outputs are committed:

  registry/ranker/1/model.onnx + model.json  linear ranker, score = x . w + b, output [batch, 1]
  flat-output/model.onnx                      the same linear ranker with output [batch]
  wrong-width/model.onnx                      input [batch, F - 1]: one column short of the spec
  next-version/model.onnx                     the linear ranker with b = 1.25: every score 1 higher
  nan-output/model.onnx                       the linear ranker with b = NaN: loads, scores NaN
  unknown-op/model.onnx                       a well-formed file ONNX Runtime cannot load (unknown op)

The hot-swap tests publish these into temporary registries with model.json written by the test.

The weights are w[i] = (i - 10) / 8 and b = 0.25, all exact in float32, so the Java tests compute
the expected scores themselves. Re-run this script whenever models/features.json changes: the
registry's model.json carries the spec's feature names and sha256, and the registry rejects a
model whose spec hash does not match.
"""
import hashlib
import json
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "..", "..", "..", "..", "models", "features.json")
OPSET = 17
BIAS = 0.25


def weights(width):
    return [(i - 10) / 8.0 for i in range(width)]


def linear_model(width, flat_output, bias=BIAS, op="Add"):
    """features [batch, width] -> score [batch, 1] (or [batch] when flat_output)."""
    w_dims = [width] if flat_output else [width, 1]
    out_shape = ["batch"] if flat_output else ["batch", 1]
    graph = helper.make_graph(
        nodes=[
            helper.make_node("MatMul", ["features", "w"], ["xw"]),
            helper.make_node(op, ["xw", "b"], ["score"]),
        ],
        name="linear_ranker",
        inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", width])],
        outputs=[helper.make_tensor_value_info("score", TensorProto.FLOAT, out_shape)],
        initializer=[
            helper.make_tensor("w", TensorProto.FLOAT, w_dims, weights(width)),
            helper.make_tensor("b", TensorProto.FLOAT, [1], [bias]),
        ],
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="reelrank-tests"
    )
    if op == "Add":
        onnx.checker.check_model(model)
    return model.SerializeToString()


def write(relative, data):
    path = os.path.join(HERE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
    return path


def main():
    with open(SPEC, "rb") as spec_file:
        spec_bytes = spec_file.read()
    names = [feature["name"] for feature in json.loads(spec_bytes)["features"]]
    width = len(names)

    ranker = linear_model(width, flat_output=False)
    write("registry/ranker/1/model.onnx", ranker)
    metadata = {
        "name": "ranker",
        "version": "1",
        "feature_spec_hash": hashlib.sha256(spec_bytes).hexdigest(),
        "features": names,
        "input_name": "features",
        "output_name": "score",
        "model_sha256": hashlib.sha256(ranker).hexdigest(),
        "opset": OPSET,
        "metrics": {"auc": 0.5, "logloss": 0.6931},
        "trained_at": "2026-01-01T00:00:00Z",
    }
    write("registry/ranker/1/model.json", (json.dumps(metadata, indent=2) + "\n").encode())
    write("flat-output/model.onnx", linear_model(width, flat_output=True))
    write("wrong-width/model.onnx", linear_model(width - 1, flat_output=False))
    write("next-version/model.onnx", linear_model(width, flat_output=False, bias=BIAS + 1))
    write("nan-output/model.onnx", linear_model(width, flat_output=False, bias=float("nan")))
    write("unknown-op/model.onnx", linear_model(width, flat_output=False, op="NoSuchOperator"))


if __name__ == "__main__":
    main()
