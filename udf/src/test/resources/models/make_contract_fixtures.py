#!/usr/bin/python3
"""Builds the model contract v2 fixtures the scoring tests load (torch.onnx.export, opset 17).

Run with /usr/bin/python3 (Debian's torch); the outputs are committed, so tests need no Python.
Each fixture is a directory under v2/ with model.onnx, model.json (contract_version 2) and
vocabulary.txt ([PAD], [UNK], v-a, v-b, v-c, v-d: indices 0..5). Tests publish them into
temporary registries, editing model.json where a test needs a broken declaration.

  v2/ranker            all seven inputs, history_length 4, three heads that each read other inputs:
                         play   [C, 1] = features[:, 0] + 0.5 * features[:, 1]
                         finish [C]    = 0.1 * candidate_ids
                         like   [C, 1] = 0.5 * (entries of the candidate's request history that are
                                         the candidate itself) + 0.01 * sum(actions) + 0.001 * sum(age hours),
                                         every sum over real entries (history_mask = 1) of row candidate_request
  v2/ids-only          features + candidate_ids, one head play [C, 1] = features[:, 0] + 0.1 * candidate_ids
  v2/wrong-dtype       as ids-only but candidate_ids is float32 (the contract says int64)
  v2/fixed-candidates  as ids-only but exported without dynamic axes: C is fixed at 3

Re-run whenever models/features.json changes (model.json carries its names and sha256).
"""
import hashlib
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "..", "..", "..", "..", "models", "features.json")
OPSET = 17
HISTORY_LENGTH = 4
VOCABULARY = ["[PAD]", "[UNK]", "v-a", "v-b", "v-c", "v-d"]
ALL_INPUTS = ["features", "candidate_ids", "candidate_request", "history_ids", "history_actions",
              "history_age_hours", "history_mask"]


class AllInputs(torch.nn.Module):
    def forward(self, features, candidate_ids, candidate_request, history_ids, history_actions,
                history_age_hours, history_mask):
        play = features[:, 0:1] + 0.5 * features[:, 1:2]
        finish = 0.1 * candidate_ids.to(torch.float32)
        mask = history_mask.index_select(0, candidate_request)
        ids = history_ids.index_select(0, candidate_request)
        actions = history_actions.index_select(0, candidate_request).to(torch.float32)
        ages = history_age_hours.index_select(0, candidate_request)
        seen = (ids == candidate_ids.unsqueeze(1)).to(torch.float32) * mask
        like = (0.5 * seen.sum(1, keepdim=True) + 0.01 * (actions * mask).sum(1, keepdim=True)
                + 0.001 * (ages * mask).sum(1, keepdim=True))
        return play, finish, like


class IdsOnly(torch.nn.Module):
    def forward(self, features, candidate_ids):
        return features[:, 0:1] + 0.1 * candidate_ids.to(torch.float32).unsqueeze(1)


def export(module, args, input_names, output_names, dynamic_axes, path):
    torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=OPSET)
    with open(path, "rb") as onnx_file:
        return hashlib.sha256(onnx_file.read()).hexdigest()


def write_fixture(name, module, args, inputs, outputs, dynamic, spec_names, spec_hash, extra):
    directory = os.path.join(HERE, "v2", name)
    os.makedirs(directory, exist_ok=True)
    model_sha = export(module, args, inputs, outputs, dynamic, os.path.join(directory, "model.onnx"))
    vocabulary = ("\n".join(VOCABULARY) + "\n").encode("utf-8")
    with open(os.path.join(directory, "vocabulary.txt"), "wb") as out:
        out.write(vocabulary)
    metadata = {
        "name": "ranker",
        "version": "2",
        "contract_version": 2,
        "feature_spec_hash": spec_hash,
        "features": spec_names,
        "inputs": inputs,
        "outputs": outputs,
        "vocabulary": {"file": "vocabulary.txt", "sha256": hashlib.sha256(vocabulary).hexdigest(),
                       "size": len(VOCABULARY)},
        "model_sha256": model_sha,
        "opset": OPSET,
        "metrics": {},
        "trained_at": "2026-12-08T00:00:00Z",
    }
    metadata.update(extra)
    with open(os.path.join(directory, "model.json"), "w") as out:
        out.write(json.dumps(metadata, indent=2) + "\n")


def main():
    with open(SPEC, "rb") as spec_file:
        spec_bytes = spec_file.read()
    names = [feature["name"] for feature in json.loads(spec_bytes)["features"]]
    spec_hash = hashlib.sha256(spec_bytes).hexdigest()
    width = len(names)
    candidates, requests = 3, 2
    features = torch.zeros(candidates, width)
    ids = torch.tensor([2, 3, 1], dtype=torch.int64)
    request_rows = torch.tensor([0, 0, 1], dtype=torch.int64)
    history = (torch.zeros(requests, HISTORY_LENGTH, dtype=torch.int64),
               torch.zeros(requests, HISTORY_LENGTH, dtype=torch.int64),
               torch.zeros(requests, HISTORY_LENGTH), torch.zeros(requests, HISTORY_LENGTH))
    per_candidate = {0: "C"}
    dynamic = {name: per_candidate for name in ["features", "candidate_ids", "candidate_request",
                                                "play", "finish", "like"]}
    dynamic.update({name: {0: "R"} for name in ALL_INPUTS[3:]})
    write_fixture("ranker", AllInputs(), (features, ids, request_rows) + history, ALL_INPUTS,
                  ["play", "finish", "like"], dynamic, names, spec_hash,
                  {"history_length": HISTORY_LENGTH, "objectives": {"play": 1.0, "finish": 0.5, "like": 0.3}})
    ids_only = {name: per_candidate for name in ["features", "candidate_ids", "play"]}
    write_fixture("ids-only", IdsOnly(), (features, ids), ["features", "candidate_ids"], ["play"], ids_only,
                  names, spec_hash, {})
    write_fixture("wrong-dtype", IdsOnly(), (features, ids.to(torch.float32)), ["features", "candidate_ids"],
                  ["play"], ids_only, names, spec_hash, {})
    write_fixture("fixed-candidates", IdsOnly(), (features, ids), ["features", "candidate_ids"], ["play"], None,
                  names, spec_hash, {})


if __name__ == "__main__":
    main()
