"""Training data as numpy arrays, and its split by request.

Reading and checking (both formats: TrainingDataMain's CSV and the feature log's training examples,
each refused unless it records the feature-spec hash being trained with) is in training_examples.py,
which needs only the standard library.
"""
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from feature_spec import FeatureSpec
from training_examples import TrainingDataRefused, read_examples

__all__ = ["TrainingData", "TrainingDataRefused", "read_training_csv", "read_training_data", "request_bucket",
           "split_masks"]


@dataclass(frozen=True)
class TrainingData:
    request_ids: np.ndarray  # object array of str, one per row
    labels: np.ndarray  # float32, 0 or 1
    features: np.ndarray  # float32 [rows, len(spec.names)]
    file_sha256: str

    def rows(self, mask: np.ndarray) -> "TrainingData":
        return TrainingData(self.request_ids[mask], self.labels[mask], self.features[mask], self.file_sha256)


def read_training_data(path: Path, spec: FeatureSpec) -> TrainingData:
    """A TrainingDataMain CSV, or the feature log's training examples (directory or JSON-lines file)."""
    examples = read_examples(path, spec)
    return TrainingData(
        request_ids=np.array(examples.request_ids, dtype=object),
        labels=np.array(examples.labels, dtype=np.float32),
        features=np.array(examples.features, dtype=np.float32).reshape(len(examples.labels), len(spec.names)),
        file_sha256=examples.data_sha256)


read_training_csv = read_training_data


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
