"""Writes a model version into the registry: <root>/<name>/<version>/{model.onnx, model.json}.

The running job watches the registry and may look at any moment, so a version appears whole or not
at all: both files are written into a hidden sibling directory that is renamed into place. Versions
are immutable once written; a model the job has loaded must never change under its version name.
"""
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Dict

VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
CURRENT_POINTER = "CURRENT"


class RegistryRefused(Exception):
    """Writing the version would break the registry's rules (bad name, version already present)."""


def version_dir(root: Path, name: str, version: str) -> Path:
    for label, value in (("model name", name), ("version", version)):
        if not VERSION_PATTERN.fullmatch(value):
            raise RegistryRefused(f"{label} '{value}' must be letters, digits, '.', '_' or '-', not starting with '.'")
    return Path(root) / name / version


def check_version_free(root: Path, name: str, version: str) -> Path:
    target = version_dir(root, name, version)
    if target.exists():
        raise RegistryRefused(f"{target} already exists; registry versions are immutable, pick a new --version")
    return target


def publish_version(root: Path, name: str, version: str, model_bytes: bytes, metadata: Dict[str, Any]) -> Path:
    """Writes the files and returns the version directory. metadata gets model_sha256 added."""
    target = check_version_free(root, name, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    document = dict(metadata, model_sha256=hashlib.sha256(model_bytes).hexdigest())
    staging = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    (staging / "model.onnx").write_bytes(model_bytes)
    (staging / "model.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    staging.chmod(0o755)
    try:
        os.rename(staging, target)
    except OSError:
        for child in staging.iterdir():
            child.unlink()
        staging.rmdir()
        raise RegistryRefused(f"{target} appeared while this version was being written")
    return target


def point_current_at(root: Path, name: str, version: str) -> None:
    """Makes <root>/<name>/CURRENT name `version`; replaced atomically so readers see old or new."""
    model_dir = version_dir(root, name, version).parent
    staging = model_dir / f".{CURRENT_POINTER}.tmp"
    staging.write_text(version + "\n", encoding="utf-8")
    os.replace(staging, model_dir / CURRENT_POINTER)
