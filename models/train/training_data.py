"""Reads the training CSV that the Java job's TrainingDataMain writes, and splits it by request.

The file starts with `# feature_spec_hash=<sha256>` and a header
`request_id,user_id,video_id,label,<feature names in spec order>`. Anything that does not match
the spec this code was given is refused rather than trained on: a model trained on columns in
another order would be served garbage without any error.
"""
import csv
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path
from typing import List

import numpy as np

from feature_spec import FeatureSpec

HASH_PREFIX = "# feature_spec_hash="
KEY_COLUMNS = ("request_id", "user_id", "video_id", "label")


class TrainingDataRefused(Exception):
    """The data does not belong to the feature spec (or is malformed); training must not start."""


@dataclass(frozen=True)
class TrainingData:
    request_ids: np.ndarray  # object array of str, one per row
    labels: np.ndarray  # float32, 0 or 1
    features: np.ndarray  # float32 [rows, len(spec.names)]
    file_sha256: str

    def rows(self, mask: np.ndarray) -> "TrainingData":
        return TrainingData(self.request_ids[mask], self.labels[mask], self.features[mask], self.file_sha256)


def read_training_csv(path: Path, spec: FeatureSpec) -> TrainingData:
    raw = Path(path).read_bytes()
    lines = raw.decode("utf-8").splitlines()
    if not lines or not lines[0].startswith(HASH_PREFIX):
        raise TrainingDataRefused(f"{path}: first line must be '{HASH_PREFIX}<sha256>'")
    recorded = lines[0][len(HASH_PREFIX):].strip()
    if recorded != spec.sha256:
        raise TrainingDataRefused(
            f"{path} was written for feature spec {recorded}, but the spec here hashes to {spec.sha256}; "
            "regenerate the training data with the current features.json (or train with the spec it was made with)")
    reader = csv.reader(lines[1:])
    header = next(reader, None)
    expected = list(KEY_COLUMNS) + list(spec.names)
    if header != expected:
        raise TrainingDataRefused(
            f"{path}: header does not match the feature spec.\n  expected: {','.join(expected)}\n  found:    "
            f"{','.join(header or [])}")
    request_ids: List[str] = []
    labels: List[float] = []
    features: List[List[float]] = []
    for line_number, row in enumerate(reader, start=3):
        if not row:
            continue
        if len(row) != len(expected):
            raise TrainingDataRefused(f"{path}:{line_number}: {len(row)} columns, header has {len(expected)}")
        request_ids.append(row[0])
        labels.append(_label(row[3], path, line_number))
        features.append([_feature(value, name, path, line_number) for value, name in zip(row[4:], spec.names)])
    if not request_ids:
        raise TrainingDataRefused(f"{path}: no data rows")
    return TrainingData(
        request_ids=np.array(request_ids, dtype=object),
        labels=np.array(labels, dtype=np.float32),
        features=np.array(features, dtype=np.float32).reshape(len(request_ids), len(spec.names)),
        file_sha256=hashlib.sha256(raw).hexdigest())


def _label(text: str, path: Path, line_number: int) -> float:
    if text not in ("0", "1"):
        raise TrainingDataRefused(f"{path}:{line_number}: label must be 0 or 1, got '{text}'")
    return float(text)


def _feature(text: str, name: str, path: Path, line_number: int) -> float:
    try:
        value = float(text)
    except ValueError:
        raise TrainingDataRefused(f"{path}:{line_number}: {name} is not a number: '{text}'") from None
    if not math.isfinite(value):
        # The job applies each feature's default before scoring; a non-finite value here means the
        # writer skipped that step, and the model would learn from rows it will never be fed.
        raise TrainingDataRefused(f"{path}:{line_number}: {name} is not finite: '{text}'")
    return value


def request_bucket(request_id: str) -> int:
    """A bucket in [0, 100) that depends only on the request id, so a split never changes between runs
    or machines (Python's hash() is salted per process) and all candidates of a request stay together."""
    digest = hashlib.sha256(request_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def split_masks(request_ids: np.ndarray, heldout_percent: int, validation_percent: int):
    """Boolean masks (train, validation, heldout): buckets [0, heldout) are held out for the metrics,
    the next validation_percent buckets steer early stopping, the rest is fitted on."""
    buckets = np.array([request_bucket(request_id) for request_id in request_ids], dtype=np.int64)
    heldout = buckets < heldout_percent
    validation = (buckets >= heldout_percent) & (buckets < heldout_percent + validation_percent)
    return ~(heldout | validation), validation, heldout
