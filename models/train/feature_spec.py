"""The feature spec (models/features.json) as the training code sees it: ordered names and a hash.

The hash is what ties a training CSV, a trained model and the running job to one version of the
spec. It is the sha256 of the file's bytes with CRLF turned into LF, so a checkout on Windows
(core.autocrlf) hashes the same as one on Linux; the Java side computes it the same way.
"""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Tuple

DEFAULT_SPEC_PATH = Path(__file__).resolve().parent.parent / "features.json"


@dataclass(frozen=True)
class FeatureSpec:
    names: Tuple[str, ...]
    sha256: str


def spec_hash(spec_bytes: bytes) -> str:
    return hashlib.sha256(spec_bytes.replace(b"\r\n", b"\n")).hexdigest()


def load_feature_spec(path: Path = DEFAULT_SPEC_PATH) -> FeatureSpec:
    raw = Path(path).read_bytes()
    document = json.loads(raw.decode("utf-8"))
    names = tuple(feature["name"] for feature in document["features"])
    if len(set(names)) != len(names):
        raise ValueError(f"{path}: feature names must be unique, got {names}")
    return FeatureSpec(names=names, sha256=spec_hash(raw))
