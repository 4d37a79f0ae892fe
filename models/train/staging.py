"""Writes a trained model version into a staging folder laid out like the registry:
<staging>/<name>/<version>/{model.onnx, model.json} (contract v2 adds vocabulary.txt and a
verification.json: sample inputs with torch's scores, for checking the Java side's inputs).

Nothing is served from here. PublishModelMain (scripts/reelrank publish-model) runs the job's own checks
on a staged version and only then copies it into the registry. A version appears whole or not at all
(written into a hidden sibling, then renamed), so a validator started meanwhile never reads half of it.
"""
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
DEFAULT_STAGING = Path("target/staging")


class StagingRefused(Exception):
    """Staging the version would break the registry's rules (bad name, version already staged)."""


def version_dir(root: Path, name: str, version: str) -> Path:
    for label, value in (("model name", name), ("version", version)):
        if not VERSION_PATTERN.fullmatch(value):
            raise StagingRefused(f"{label} '{value}' must be letters, digits, '.', '_' or '-', not starting with '.'")
    return Path(root) / name / version


def check_version_free(root: Path, name: str, version: str) -> Path:
    target = version_dir(root, name, version)
    if target.exists():
        raise StagingRefused(f"{target} already exists; remove it or pick another --version")
    return target


def stage_version(root: Path, name: str, version: str, model_bytes: bytes, metadata: Dict[str, Any],
                  extra_files: Optional[Dict[str, bytes]] = None) -> Path:
    """Writes the files and returns the version directory. metadata gets model_sha256 added."""
    target = check_version_free(root, name, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    document = dict(metadata, model_sha256=hashlib.sha256(model_bytes).hexdigest())
    hidden = Path(tempfile.mkdtemp(prefix=f".{version}.", dir=target.parent))
    (hidden / "model.onnx").write_bytes(model_bytes)
    for file_name, content in (extra_files or {}).items():
        (hidden / file_name).write_bytes(content)
    (hidden / "model.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    hidden.chmod(0o755)
    try:
        os.rename(hidden, target)
    except OSError:
        for child in hidden.iterdir():
            child.unlink()
        hidden.rmdir()
        raise StagingRefused(f"{target} appeared while this version was being written")
    return target
