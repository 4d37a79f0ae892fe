"""`train_ranker.py --model sequence`: reads the logged examples and their requests' histories,
trains the sequence ranker (optionally with next-item examples built from the contract's
engagements), exports contract v2 and stages model.onnx, model.json, vocabulary.txt and a
verification sample."""
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

from feature_spec import FeatureSpec
from head_labels import head_labels
from next_item_examples import next_item_set
from onnx_export import OPSET
from ranking_metrics import hit_rate_at_k, mean_ndcg_at_k
from ranking_set import RankingSet, group_by_request
from sequence_data import EngagementHistories, History, read_json_lines, read_request_histories
from sequence_export import export_sequence_onnx, graph_inputs, verify_sequence_onnx
from sequence_model import ModelShape, SequenceRanker
from sequence_training import SequenceSettings, fit, make_deterministic
from staging import stage_version
from training_data import split_masks
from training_examples import Examples, TrainingDataRefused, read_examples
from vocabulary import Vocabulary
import onnx

VERIFY_REQUESTS = 4
VERIFY_CANDIDATES = 6


def add_arguments(parser) -> None:
    group = parser.add_argument_group("--model sequence")
    group.add_argument("--requests", type=Path, help="the requests' histories: EvaluateMain's <training-out>-requests"
                       ".jsonl or the feature log's requests dir (default: <data without .jsonl>-requests.jsonl)")
    group.add_argument("--engagements", type=Path, help="contract engagements.jsonl: rebuilds histories a request "
                       "lacks and feeds the next-item examples")
    group.add_argument("--catalog", type=Path, help="contract videos.jsonl: negatives of the next-item examples "
                       "(default: videos.jsonl beside --engagements)")
    group.add_argument("--next-item-negatives", type=int, default=50,
                       help="never-engaged videos drawn per next-item example; 0 turns next-item examples off")
    group.add_argument("--next-item-sampled", type=int, default=20,
                       help="of those, how many each pretraining batch uses (redrawn every epoch)")
    group.add_argument("--protocol-train-points", type=int, default=10,
                       help="the evaluation's --train-points: each user's last that many + 1 videos are left out "
                            "of the next-item examples")
    group.add_argument("--pretrain-epochs", type=int, default=8)
    group.add_argument("--finetune-epochs", type=int, default=0,
                       help="after ranking with the pretrained parts frozen, train every part this many more epochs")
    group.add_argument("--heads", default="engaged", help="comma-separated: engaged, play, finish, like")
    group.add_argument("--objectives", default=None,
                       help="default fusion written to model.json, e.g. play:1.0,finish:0.5,like:0.3 "
                            "(default: the first head alone); the job's reelrank.scoring.objectives overrides it")
    group.add_argument("--history-length", type=int, default=20)
    group.add_argument("--embedding-dim", type=int, default=64)
    group.add_argument("--no-history", action="store_true")
    group.add_argument("--no-ids", action="store_true")
    group.add_argument("--no-features", action="store_true")


def parse_objectives(text: Optional[str], heads) -> Dict[str, float]:
    """`play:1.0,like:0.3` as model.json's objectives; every name must be a trained head."""
    if not text:
        return {heads[0]: 1.0}
    objectives = {}
    for part in text.split(","):
        name, _, weight = part.strip().partition(":")
        if name not in heads or not weight:
            raise TrainingDataRefused(f"--objectives {text!r}: write head:weight pairs over the heads {list(heads)}")
        objectives[name] = float(weight)
    return objectives


def _histories(args, examples: Examples) -> Dict[str, History]:
    requests_path = args.requests or Path(str(args.data).removesuffix(".jsonl") + "-requests.jsonl")
    logged = read_request_histories(requests_path) if requests_path.exists() else {}
    missing = {r: (u, ts) for r, u, ts in zip(examples.request_ids, examples.user_ids, examples.event_ts)
               if r not in logged}
    if missing and args.engagements is None:
        raise TrainingDataRefused(f"{len(missing)} requests have no logged history in {requests_path}; "
                                  "pass --requests, or --engagements to rebuild them")
    if missing:
        rebuilt = EngagementHistories.read(args.engagements)
        logged.update({r: rebuilt.at(u, int(ts), args.history_length) for r, (u, ts) in missing.items()})
    return logged


def train_and_stage_sequence(args, spec: FeatureSpec) -> Path:
    heads = tuple(h.strip() for h in args.heads.split(",") if h.strip())
    examples = read_examples(args.data, spec)
    if any(ts is None for ts in examples.event_ts):
        raise TrainingDataRefused(f"{args.data}: the sequence model needs the feature log's JSON lines, not a CSV")
    histories = _histories(args, examples)
    features = np.array(examples.features, dtype=np.float32).reshape(len(examples.labels), len(spec.names))
    labels = head_labels(heads, examples.labels, examples.actions, examples.watch_ms,
                         features[:, spec.names.index("duration_seconds")])
    engagements = read_json_lines(args.engagements) if args.engagements and args.next_item_negatives else None
    vocabulary_ids = set(examples.video_ids).union(v for h in histories.values() for v in h.video_ids)
    if engagements is not None:
        vocabulary_ids.update(e["video_id"] for e in engagements)
    vocabulary = Vocabulary(vocabulary_ids)
    data = group_by_request(examples.request_ids, examples.video_ids, features, labels, histories, vocabulary,
                            args.history_length)
    train_mask, validation_mask, heldout_mask = split_masks(data.request_ids, args.heldout_percent,
                                                            args.validation_percent)
    train, validation, heldout = (data.subset(np.flatnonzero(m)) for m in (train_mask, validation_mask, heldout_mask))
    if train.request_count == 0 or heldout.request_count == 0:
        raise TrainingDataRefused(f"{args.data}: too few requests to split ({data.request_count})")
    next_items = None
    if engagements is not None:
        catalog_path = args.catalog or Path(args.engagements).with_name("videos.jsonl")
        catalog = [video["video_id"] for video in read_json_lines(catalog_path) if not video.get("deleted")]
        next_items = next_item_set(engagements, catalog, vocabulary, args.protocol_train_points + 1,
                                   args.next_item_negatives, args.history_length, args.seed)
        print(f"next-item examples: {next_items.request_count} requests from {catalog_path.parent}")

    make_deterministic(args.seed)
    mean = train.features.astype(np.float64).mean(axis=0)
    std = train.features.astype(np.float64).std(axis=0)
    shape = ModelShape(len(spec.names), len(vocabulary), heads, args.embedding_dim,
                       not args.no_features, not args.no_ids, not args.no_history)
    model = SequenceRanker(shape, mean, np.where(std < 1e-6, 1.0, std))
    settings = SequenceSettings(epochs=args.epochs, learning_rate=args.learning_rate, patience=args.patience,
                                seed=args.seed, pretrain_epochs=args.pretrain_epochs if next_items else 0,
                                next_item_negatives=args.next_item_sampled, finetune_epochs=args.finetune_epochs,
                                freeze_pretrained=next_items is not None)
    result = fit(model, train, validation if validation.request_count else None, next_items, settings)
    print(f"trained {result.epochs_run} epochs, kept epoch {result.best_epoch}")

    sample = verification_sample(heldout)
    model_bytes = export_sequence_onnx(model, sample, {"feature_spec_hash": spec.sha256,
                                                       "features": ",".join(spec.names)})
    verified = verify_sequence_onnx(model_bytes, model, sample, len(spec.names), args.history_length)
    exported = onnx.load_from_string(model_bytes)
    metrics = evaluate(model, heldout, heads)
    print(f"held-out: {heldout.request_count} requests; " + ", ".join(f"{k} {v:.4f}" for k, v in metrics.items()))
    metadata = {
        "name": args.name, "version": args.version, "contract_version": 2,
        "feature_spec_hash": spec.sha256, "features": list(spec.names),
        "inputs": graph_inputs(exported), "outputs": list(heads), "history_length": args.history_length,
        "vocabulary": {"file": "vocabulary.txt", "sha256": vocabulary.sha256(), "size": len(vocabulary)},
        "objectives": parse_objectives(args.objectives, heads), "opset": OPSET, "score_range": [0.0, 1.0],
        "metrics": dict(metrics, train_requests=train.request_count, validation_requests=validation.request_count,
                        heldout_requests=heldout.request_count),
        "training": {"seed": args.seed, "epochs_run": result.epochs_run, "best_epoch": result.best_epoch,
                     "learning_rate": args.learning_rate, "embedding_dim": args.embedding_dim,
                     "next_item_requests": next_items.request_count if next_items else 0,
                     "pretrain_epochs": settings.pretrain_epochs, "finetune_epochs": settings.finetune_epochs,
                     "ablation": [flag for flag, off in (("no-history", args.no_history), ("no-ids", args.no_ids),
                                                         ("no-features", args.no_features)) if off]},
        "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "training_data_sha256": examples.data_sha256,
    }
    verification = {"inputs": {name: sample[name].tolist() for name in metadata["inputs"]},
                    "outputs": {head: scores.tolist() for head, scores in zip(heads, verified)}}
    extra = {"vocabulary.txt": vocabulary.file_bytes(),
             "verification.json": (json.dumps(verification) + "\n").encode("utf-8")}
    return stage_version(args.staging, args.name, args.version, model_bytes, metadata, extra)


def verification_sample(data: RankingSet) -> Dict[str, np.ndarray]:
    """A few held-out requests' first candidates, plus one with an empty history and an unknown id,
    so the Java side can compare its inputs and scores against torch's on the edge cases too."""
    requests = np.arange(min(VERIFY_REQUESTS, data.request_count))
    batch = data.batch(requests)
    keep = np.concatenate([np.flatnonzero(batch["candidate_request"] == r)[:VERIFY_CANDIDATES] for r in requests])
    sample = {name: batch[name][keep] if name in ("features", "candidate_ids", "candidate_request") else batch[name]
              for name in batch if name != "labels"}
    last = len(requests)
    sample["features"] = np.concatenate([sample["features"], sample["features"][:1]])
    sample["candidate_ids"] = np.concatenate([sample["candidate_ids"], [1]])
    sample["candidate_request"] = np.concatenate([sample["candidate_request"], [last]])
    for name in ("history_ids", "history_actions", "history_age_hours", "history_mask"):
        sample[name] = np.concatenate([sample[name], np.zeros_like(sample[name][:1])])
    return sample


def evaluate(model: SequenceRanker, data: RankingSet, heads) -> Dict[str, Optional[float]]:
    """Per head: HR@10 and NDCG@10 of the head's positives among each request's candidates."""
    scores = score(model, data)
    request_of_row = data.request_ids[data.row_requests()]
    metrics = {}
    for index, head in enumerate(heads):
        metrics[f"{head}_hr_at_10"] = hit_rate_at_k(request_of_row, data.labels[:, index], scores[:, index])
        metrics[f"{head}_ndcg_at_10"] = mean_ndcg_at_k(request_of_row, data.labels[:, index], scores[:, index])
    return metrics


def score(model: SequenceRanker, data: RankingSet, requests_per_batch: int = 256) -> np.ndarray:
    from sequence_training import tensors
    parts: List[np.ndarray] = []
    with torch.no_grad():
        for requests in np.array_split(np.arange(data.request_count), max(1, data.request_count // requests_per_batch)):
            parts.append(model.logits(*tensors(data.batch(requests))).numpy())
    return np.concatenate(parts)
