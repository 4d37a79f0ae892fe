#!/usr/bin/python3
"""Compares model versions per objective on the held-out requests of feature-log examples.

    /usr/bin/python3 models/compare_models.py --data target/feature-log/examples.jsonl \
        models/registry/ranker/1 target/staging/ranker/2

Each version directory holds model.onnx and model.json (and vocabulary.txt for contract v2). The
held-out requests are the trainer's (train_ranker.py's default 20% by request-id hash), so a model
trained on the same examples is measured on requests it never saw. Labels per head come from the
examples' actions and watch_ms as the trainer derives them (train/head_labels.py). A v1 model's single
score ranks every head; a v2 model's heads rank their own objective and its fused score (model.json's
objectives) is listed as `fused`. Graphs run in train/onnx_interpreter.py, the numpy interpreter the
trainer verifies exports with (no onnxruntime in Debian's Python).
"""
import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List

import numpy as np
import onnx

sys.path.insert(0, str(Path(__file__).resolve().parent / "train"))

from feature_spec import DEFAULT_SPEC_PATH, load_feature_spec  # noqa: E402
from head_labels import head_labels  # noqa: E402
from onnx_interpreter import run_graph  # noqa: E402
from ranking_metrics import auc, mean_ndcg_at_k  # noqa: E402
from ranking_set import RankingSet, group_by_request  # noqa: E402
from sequence_data import read_request_histories  # noqa: E402
from training_data import split_masks  # noqa: E402
from training_examples import read_examples  # noqa: E402
from vocabulary import Vocabulary  # noqa: E402

HEADS = ("play", "finish", "like")
POPULARITY_FEATURE = "video_plays_decayed_30d"
REQUESTS_PER_RUN = 256


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the feature log's examples.jsonl")
    parser.add_argument("--requests", type=Path, help="its requests (default <data without .jsonl>-requests.jsonl)")
    parser.add_argument("--heldout-percent", type=int, default=20)
    parser.add_argument("versions", type=Path, nargs="+", help="model version directories")
    return parser.parse_args(argv)


def heldout_set(examples, features, labels, histories, vocabulary, history_length, heldout_percent) -> RankingSet:
    data = group_by_request(examples.request_ids, examples.video_ids, features, labels, histories, vocabulary,
                            history_length)
    heldout = split_masks(data.request_ids, heldout_percent, 0)[2]
    return data.subset(np.flatnonzero(heldout))


def score(version: Path, metadata: dict, data: RankingSet) -> Dict[str, np.ndarray]:
    """Head name -> scores of every held-out row; a v1 model's one output under 'score'."""
    model = onnx.load(str(version / "model.onnx"))
    names = [output.name for output in model.graph.output]
    inputs = metadata.get("inputs", [metadata.get("input_name", "features")])
    parts: Dict[str, List[np.ndarray]] = {name: [] for name in names}
    for requests in np.array_split(np.arange(data.request_count), max(1, data.request_count // REQUESTS_PER_RUN)):
        batch = data.batch(requests)
        for name, values in zip(names, run_graph(model, {name: batch[name] for name in inputs})):
            parts[name].append(np.asarray(values, dtype=np.float64).reshape(-1))
    scores = {name: np.concatenate(values) for name, values in parts.items()}
    if metadata.get("contract_version", 1) == 2:
        objectives = metadata.get("objectives") or {names[0]: 1.0}
        scores["fused"] = sum(weight * scores[head] for head, weight in objectives.items())
    return scores


def main(argv=None) -> int:
    args = parse_args(argv)
    spec = load_feature_spec(DEFAULT_SPEC_PATH)
    examples = read_examples(args.data, spec)
    requests = args.requests or Path(str(args.data).removesuffix(".jsonl") + "-requests.jsonl")
    histories = read_request_histories(requests)
    features = np.array(examples.features, dtype=np.float32).reshape(len(examples.labels), len(spec.names))
    labels = head_labels(HEADS, examples.labels, examples.actions, examples.watch_ms,
                         features[:, spec.names.index("duration_seconds")])

    rows = []
    baseline = None
    for version in args.versions:
        metadata = json.loads((version / "model.json").read_text(encoding="utf-8"))
        vocabulary_file = version / "vocabulary.txt"
        vocabulary = Vocabulary.read(vocabulary_file) if vocabulary_file.exists() else Vocabulary(())
        data = heldout_set(examples, features, labels, histories, vocabulary,
                           int(metadata.get("history_length", 1)), args.heldout_percent)
        baseline = data
        scores = score(version, metadata, data)
        rows.append((f"{metadata['name']}/{metadata['version']}", scores))
    popularity = baseline.features[:, spec.names.index(POPULARITY_FEATURE)].astype(np.float64)
    rows.append(("popularity", {"score": popularity}))
    rows.append(("random", {"score": np.zeros(len(popularity))}))

    request_of_row = baseline.request_ids[baseline.row_requests()]
    positives = ", ".join(f"{head} {int(baseline.labels[:, i].sum())}" for i, head in enumerate(HEADS))
    print(f"held-out: {baseline.request_count} requests, {len(popularity)} candidates; positives: {positives}")
    print(f"{'model':<12} {'scored by':<9}" + "".join(f" {head + ' AUC':>10} {head + ' NDCG@10':>14}" for head in HEADS))
    for name, scores in rows:
        for scorer, values in scores.items():
            cells = []
            for i, head in enumerate(HEADS):
                cells.append(f" {auc(baseline.labels[:, i], values):10.4f}"
                             f" {mean_ndcg_at_k(request_of_row, baseline.labels[:, i], values):14.4f}")
            print(f"{name:<12} {scorer:<9}" + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
