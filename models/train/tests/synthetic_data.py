"""Writes small TrainingDataMain-format CSVs whose labels follow a known signal, for the tests."""
import csv
from pathlib import Path
from typing import Optional, Sequence

import numpy as np


def write_training_csv(path: Path, spec_hash: str, feature_names: Sequence[str], requests: int = 300,
                       candidates: int = 10, seed: int = 7, header: Optional[Sequence[str]] = None) -> int:
    """Labels depend on tag_cosine, embedding_cosine and video_plays_decayed_30d (so popularity is a weaker
    but real baseline); the other features are noise. Returns the number of data rows."""
    rng = np.random.default_rng(seed)
    rows = requests * candidates
    features = {name: rng.uniform(0.0, 1.0, rows) for name in feature_names}
    features["tag_cosine"] = rng.uniform(-1.0, 1.0, rows)
    features["embedding_cosine"] = rng.uniform(-1.0, 1.0, rows)
    features["video_plays_decayed_30d"] = rng.uniform(0.0, 12.0, rows)
    logit = 2.5 * features["tag_cosine"] + 1.5 * features["embedding_cosine"] + 0.25 * (features["video_plays_decayed_30d"] - 6.0)
    labels = (rng.uniform(0.0, 1.0, rows) < 1.0 / (1.0 + np.exp(-(logit - 1.0)))).astype(int)
    with open(path, "w", newline="") as out:
        out.write(f"# feature_spec_hash={spec_hash}\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header if header is not None else ["request_id", "user_id", "video_id", "label", *feature_names])
        for row in range(rows):
            request = row // candidates
            writer.writerow([f"r-{request}", f"u{request % 37}", f"v{rng.integers(1000)}", labels[row],
                             *(repr(float(features[name][row])) for name in feature_names)])
    return rows


def csv_as_feature_log(csv_path: Path, examples_dir: Path, spec_hash: str, files: int = 3) -> int:
    """Rewrites a training CSV as the feature log's training examples: JSON lines spread over part files
    in a bucket subdirectory as Flink's file sink lays them out, plus an in-progress file to be skipped."""
    import json
    lines = Path(csv_path).read_text().splitlines()
    header = lines[1].split(",")
    bucket = Path(examples_dir) / "2026-01-01--00"
    bucket.mkdir(parents=True, exist_ok=True)
    parts = [[] for _ in range(files)]
    for index, row in enumerate(csv.reader(lines[2:])):
        values = dict(zip(header, row))
        parts[index % files].append(json.dumps({
            "request_id": values["request_id"], "user_id": values["user_id"], "video_id": values["video_id"],
            "trigger": "request", "event_ts": 1767225600000 + index, "model_version": "ranker/1",
            "feature_spec_hash": spec_hash, "score": 0.5, "label": int(values["label"]),
            "label_action": "play" if values["label"] == "1" else None,
            "features": [float(v) for v in row[4:]]}))
    for number, part in enumerate(parts):
        (bucket / f"part-0-{number}").write_text("\n".join(part) + "\n")
    (bucket / ".part-0-9.inprogress.0").write_text('{"truncated": ')
    return len(lines) - 2
