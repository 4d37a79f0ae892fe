#!/usr/bin/env python3
"""Reads labelled training examples in both formats the Java job writes, with the standard library only.

    python3 models/train/training_examples.py <csv file | feature-log examples dir | .jsonl file>

prints a one-line JSON summary, or the reason the data is refused (exit code 2).

1. TrainingDataMain's CSV: `# feature_spec_hash=<sha256>`, a header
   `request_id,user_id,video_id,label,<feature names in spec order>`, one row per candidate.
2. The feature log's training examples (the label join's output): JSON lines, one example per line,
   `{"request_id", "user_id", "video_id", "trigger", "event_ts", "model_version", "feature_spec_hash",
   "score", "label", "label_action", "features": [spec order]}`, in one file or in the part files of
   the file sink's directory (read recursively; in-progress files, whose names start with '.', skipped).

Either way the data must record the feature-spec hash of the features.json it is trained with, on
every JSON line or on the CSV's first line; anything else is refused rather than trained on: a model
trained on other features than the job computes would be served garbage without any error.
"""
import argparse
import csv
import hashlib
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from feature_spec import DEFAULT_SPEC_PATH, FeatureSpec, load_feature_spec

HASH_PREFIX = "# feature_spec_hash="
KEY_COLUMNS = ("request_id", "user_id", "video_id", "label")
REFUSED = 2


class TrainingDataRefused(Exception):
    """The data does not belong to the feature spec (or is malformed); training must not start."""


@dataclass(frozen=True)
class Examples:
    request_ids: List[str]
    labels: List[float]
    features: List[List[float]]  # one row per example, spec order
    data_sha256: str  # of the file, or of a directory's lines sorted (see read_examples)
    source_format: str  # "csv" or "feature-log"
    user_ids: List[str] = field(default_factory=list)
    video_ids: List[str] = field(default_factory=list)
    event_ts: List[Optional[int]] = field(default_factory=list)  # None in the CSV format
    # The feature log's optional multi-objective labels: every action the user took on the video
    # within the label horizon (None when the writer predates them) and the longest watch_ms.
    actions: List[Optional[Tuple[str, ...]]] = field(default_factory=list)
    watch_ms: List[int] = field(default_factory=list)


def read_examples(path: Path, spec: FeatureSpec) -> Examples:
    """A directory's part files are read as their non-blank lines in sorted order, and data_sha256 is
    the sha256 of those lines joined with newlines: the file sink names its part files at random and
    spreads the lines over them by timing, so only the set of lines identifies the data. FeatureLogMain
    writes exactly that file (examples.jsonl), which therefore trains and hashes the same."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not any(
            part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise TrainingDataRefused(f"{path}: no finished part files (in-progress files start with '.')")
        lines = sorted((line, f"{file}:{number}") for file in files
                       for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
                       if line.strip())
        digest = hashlib.sha256("".join(line + "\n" for line, _ in lines).encode("utf-8")).hexdigest()
        return _read_json_lines(path, [(where, line) for line, where in lines], spec, digest)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    if text.lstrip().startswith("{"):
        numbered = [(f"{path}:{number}", line) for number, line in enumerate(text.splitlines(), start=1)]
        return _read_json_lines(path, numbered, spec, hashlib.sha256(raw).hexdigest())
    return _read_csv(path, text, spec, hashlib.sha256(raw).hexdigest())


def _read_csv(path: Path, text: str, spec: FeatureSpec, sha256: str) -> Examples:
    lines = text.splitlines()
    if not lines or not lines[0].startswith(HASH_PREFIX):
        raise TrainingDataRefused(f"{path}: first line must be '{HASH_PREFIX}<sha256>'")
    _check_hash(lines[0][len(HASH_PREFIX):].strip(), spec, path)
    reader = csv.reader(lines[1:])
    header = next(reader, None)
    expected = list(KEY_COLUMNS) + list(spec.names)
    if header != expected:
        raise TrainingDataRefused(
            f"{path}: header does not match the feature spec.\n  expected: {','.join(expected)}\n  found:    "
            f"{','.join(header or [])}")
    examples = Examples([], [], [], sha256, "csv")
    for line_number, row in enumerate(reader, start=3):
        if not row:
            continue
        if len(row) != len(expected):
            raise TrainingDataRefused(f"{path}:{line_number}: {len(row)} columns, header has {len(expected)}")
        where = f"{path}:{line_number}"
        examples.request_ids.append(row[0])
        examples.user_ids.append(row[1])
        examples.video_ids.append(row[2])
        examples.event_ts.append(None)
        examples.actions.append(None)
        examples.watch_ms.append(0)
        examples.labels.append(_label(row[3], where))
        examples.features.append([_feature(value, name, where) for value, name in zip(row[4:], spec.names)])
    return _non_empty(examples, path)


def _read_json_lines(path: Path, lines, spec: FeatureSpec, sha256: str) -> Examples:
    """lines: (where, text) pairs, where naming the file and line for messages."""
    examples = Examples([], [], [], sha256, "feature-log")
    for where, line in lines:
        if not line.strip():
            continue
        try:
            example = json.loads(line)
            recorded, values = example["feature_spec_hash"], example["features"]
            request_id, label = example["request_id"], example["label"]
        except (ValueError, KeyError, TypeError) as problem:
            raise TrainingDataRefused(f"{where}: not a training example ({problem!r})") from None
        _check_hash(recorded, spec, where)
        if not isinstance(values, list) or len(values) != len(spec.names):
            raise TrainingDataRefused(f"{where}: {len(values)} feature values, the spec has {len(spec.names)}")
        examples.request_ids.append(str(request_id))
        examples.user_ids.append(str(example.get("user_id")))
        examples.video_ids.append(str(example.get("video_id")))
        examples.event_ts.append(example.get("event_ts"))
        actions = example.get("actions")
        examples.actions.append(None if actions is None else tuple(actions))
        examples.watch_ms.append(int(example.get("watch_ms") or 0))
        examples.labels.append(_label(str(label), where))
        examples.features.append([_feature(str(value), name, where) for value, name in zip(values, spec.names)])
    return _non_empty(examples, path)


def _check_hash(recorded: str, spec: FeatureSpec, where) -> None:
    if recorded != spec.sha256:
        raise TrainingDataRefused(
            f"{where} was written for feature spec {recorded}, but the spec here hashes to {spec.sha256}; "
            "regenerate the training data with the current features.json (or train with the spec it was made with)")


def _non_empty(examples: Examples, path) -> Examples:
    if not examples.request_ids:
        raise TrainingDataRefused(f"{path}: no data rows")
    return examples


def _label(text: str, where: str) -> float:
    if text not in ("0", "1"):
        raise TrainingDataRefused(f"{where}: label must be 0 or 1, got '{text}'")
    return float(text)


def _feature(text: str, name: str, where: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise TrainingDataRefused(f"{where}: {name} is not a number: '{text}'") from None
    if not math.isfinite(value):
        # The job applies each feature's default before scoring; a non-finite value here means the
        # writer skipped that step, and the model would learn from rows it will never be fed.
        raise TrainingDataRefused(f"{where}: {name} is not finite: '{text}'")
    return value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="TrainingDataMain CSV, or the feature log's examples (dir or file)")
    parser.add_argument("--feature-spec", type=Path, default=DEFAULT_SPEC_PATH, help="features.json")
    args = parser.parse_args(argv)
    spec = load_feature_spec(args.feature_spec)
    try:
        examples = read_examples(args.data, spec)
    except TrainingDataRefused as refusal:
        print(f"refusing the training data: {refusal}", file=sys.stderr)
        return REFUSED
    print(json.dumps({"format": examples.source_format, "rows": len(examples.labels),
                      "positives": int(sum(examples.labels)), "requests": len(set(examples.request_ids)),
                      "feature_spec_hash": spec.sha256, "data_sha256": examples.data_sha256}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
