#!/usr/bin/python3
"""Trains the ReelRank ranking MLP on a TrainingDataMain CSV or the feature log's training examples
and stages it for publishing: <staging>/<name>/<version>/{model.onnx, model.json}, never the live registry.

    /usr/bin/python3 models/train/train_ranker.py --data target/training.csv --name ranker --version 2
    scripts/reelrank publish-model target/staging/ranker/2 --registry models/registry --set-current

--model sequence trains the history-aware, multi-head ranker instead (model contract v2; see
sequence_trainer.py): it also reads the requests' histories and stages vocabulary.txt beside the model.

--data may also be the feature log's examples (FeatureLogMain's examples.jsonl, or the examples directory).
Exit codes: 0 staged, 2 refused (data written for another feature spec, columns that do not
match the spec, malformed rows, a version already staged, or an export that fails verification).
"""
import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Optional

import numpy as np
import torch

from feature_spec import DEFAULT_SPEC_PATH, FeatureSpec, load_feature_spec
from onnx_export import INPUT_NAME, OPSET, OUTPUT_NAME, ModelVerificationError, export_onnx, run_onnx, verify_onnx
from ranker_model import Standardisation, TrainingSettings, fit, to_serving_mlp
from ranking_metrics import auc, mean_ndcg_at_k
from staging import DEFAULT_STAGING, StagingRefused, check_version_free, stage_version
from head_labels import HeadLabelsRefused
from sequence_trainer import add_arguments as add_sequence_arguments, train_and_stage_sequence
from training_data import TrainingData, TrainingDataRefused, read_training_data, split_masks

# "Rank by popularity": the video's plays decayed with a 30-day half-life up to the request
# (log1p-transformed, which keeps the order). Unlike plays in the last 24 hours it does not go
# empty for videos that were popular a while ago.
POPULARITY_FEATURE = "video_plays_decayed_30d"
REFUSED = 2
VERIFY_ROWS = 1024


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True,
                        help="CSV written by TrainingDataMain, or the feature log's examples directory")
    parser.add_argument("--staging", type=Path, default=DEFAULT_STAGING,
                        help=f"staging folder the version is written to (default {DEFAULT_STAGING})")
    parser.add_argument("--registry", help=argparse.SUPPRESS)
    parser.add_argument("--name", default="ranker", help="model name (directory under the staging folder)")
    parser.add_argument("--version", required=True, help="new version; use increasing integers")
    parser.add_argument("--feature-spec", type=Path, default=DEFAULT_SPEC_PATH, help="features.json")
    parser.add_argument("--model", choices=("mlp", "sequence"), default="mlp",
                        help="mlp: the feature-row MLP (contract v1); sequence: ids + history + features (v2)")
    parser.add_argument("--epochs", type=int, default=30, help="maximum epochs")
    parser.add_argument("--patience", type=int, default=5, help="epochs without validation improvement before stopping")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--heldout-percent", type=int, default=20, help="requests kept for the metrics")
    parser.add_argument("--validation-percent", type=int, default=10,
                        help="requests used for early stopping; 0 trains for exactly --epochs")
    add_sequence_arguments(parser)
    args = parser.parse_args(argv)
    if args.registry is not None:
        parser.error("the trainer only stages a model (--staging); publish it after validation with "
                     "scripts/reelrank publish-model <staged version dir> --registry " + args.registry)
    if not (0 < args.heldout_percent and 0 <= args.validation_percent
            and args.heldout_percent + args.validation_percent < 100):
        parser.error("--heldout-percent must be > 0, --validation-percent >= 0, and together below 100")
    if args.epochs < 1 or args.batch_size < 1 or args.patience < 1:
        parser.error("--epochs, --batch-size and --patience must be at least 1")
    return args


def evaluate(heldout: TrainingData, scores: np.ndarray, spec: FeatureSpec) -> Dict[str, Optional[float]]:
    popularity = heldout.features[:, spec.names.index(POPULARITY_FEATURE)]
    # A constant score ties every candidate, and ties count as their expectation under random order,
    # so this is the exact expected NDCG of random ranking rather than one sampled shuffle.
    constant = np.zeros(len(heldout.labels))
    ids, labels = heldout.request_ids, heldout.labels
    return {
        "auc": auc(labels, scores), "ndcg_at_10": mean_ndcg_at_k(ids, labels, scores),
        "popularity_auc": auc(labels, popularity), "popularity_ndcg_at_10": mean_ndcg_at_k(ids, labels, popularity),
        "random_auc": auc(labels, constant), "random_ndcg_at_10": mean_ndcg_at_k(ids, labels, constant),
    }


def print_table(metrics: Dict[str, Optional[float]], heldout: TrainingData) -> None:
    def cell(value):
        return "   n/a" if value is None else f"{value:6.4f}"
    print(f"held-out: {len(heldout.labels)} rows, {len(np.unique(heldout.request_ids))} requests")
    print(f"{'scorer':<12} {'AUC':>6}  {'NDCG@10':>7}")
    for label, prefix in (("model", ""), ("popularity", "popularity_"), ("random", "random_")):
        print(f"{label:<12} {cell(metrics[prefix + 'auc'])}  {cell(metrics[prefix + 'ndcg_at_10']):>7}")


def train_and_stage(args) -> Path:
    spec = load_feature_spec(args.feature_spec)
    if args.model == "sequence":
        check_version_free(args.staging, args.name, args.version)
        return train_and_stage_sequence(args, spec)
    if POPULARITY_FEATURE not in spec.names:
        raise TrainingDataRefused(f"{args.feature_spec} has no {POPULARITY_FEATURE} for the popularity baseline")
    check_version_free(args.staging, args.name, args.version)
    data = read_training_data(args.data, spec)
    train_mask, validation_mask, heldout_mask = split_masks(data.request_ids, args.heldout_percent, args.validation_percent)
    train, validation, heldout = data.rows(train_mask), data.rows(validation_mask), data.rows(heldout_mask)
    if len(train.labels) == 0 or len(heldout.labels) == 0 or (args.validation_percent and len(validation.labels) == 0):
        raise TrainingDataRefused(
            f"{args.data}: split by request left {len(train.labels)} train, {len(validation.labels)} validation, "
            f"{len(heldout.labels)} held-out rows; more requests are needed")

    standardisation = Standardisation.of(train.features)
    settings = TrainingSettings(args.epochs, args.batch_size, args.learning_rate, args.patience, args.seed)
    use_validation = len(validation.labels) > 0
    result = fit(standardisation.apply(train.features), torch.from_numpy(train.labels),
                 standardisation.apply(validation.features) if use_validation else None,
                 torch.from_numpy(validation.labels) if use_validation else None, settings)
    print(f"trained {result.epochs_run} epochs, kept epoch {result.best_epoch}")

    serving = to_serving_mlp(result.mlp, standardisation)
    sample = heldout.features[:VERIFY_ROWS]
    with torch.no_grad():
        trained = torch.sigmoid(result.mlp(standardisation.apply(sample))).numpy()
        folded = serving(torch.from_numpy(sample)).numpy()
    if not np.max(np.abs(trained - folded)) <= 1e-4:
        raise ModelVerificationError("folding the standardisation into the first layer changed the scores")
    model_bytes = export_onnx(serving, spec.names, {"feature_spec_hash": spec.sha256, "features": ",".join(spec.names)})
    model = verify_onnx(model_bytes, serving, len(spec.names), sample)

    # Metrics come from the exported graph itself, so they describe exactly what the job will run.
    metrics = evaluate(heldout, run_onnx(model, heldout.features)[:, 0], spec)
    print_table(metrics, heldout)
    metrics.update(train_rows=len(train.labels), validation_rows=len(validation.labels),
                   heldout_rows=len(heldout.labels), heldout_requests=len(np.unique(heldout.request_ids)))
    metadata = {
        "name": args.name, "version": args.version, "feature_spec_hash": spec.sha256,
        "features": list(spec.names), "input_name": INPUT_NAME, "output_name": OUTPUT_NAME, "opset": OPSET,
        "metrics": metrics,
        "training": {"seed": args.seed, "epochs_run": result.epochs_run, "best_epoch": result.best_epoch,
                     "batch_size": args.batch_size, "learning_rate": args.learning_rate},
        "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_data_sha256": data.file_sha256,
    }
    return stage_version(args.staging, args.name, args.version, model_bytes, metadata)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        target = train_and_stage(args)
    except (TrainingDataRefused, HeadLabelsRefused, StagingRefused, ModelVerificationError) as refusal:
        print(f"refusing to stage a model: {refusal}", file=sys.stderr)
        return REFUSED
    print(f"staged {target}")
    print(f"validate and publish it: scripts/reelrank publish-model {target} --registry <registry root> [--set-current]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
