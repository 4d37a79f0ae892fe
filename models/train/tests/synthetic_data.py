"""Writes small TrainingDataMain-format CSVs whose labels follow a known signal, for the tests."""
import csv
from pathlib import Path
from typing import Optional, Sequence

import numpy as np


def write_training_csv(path: Path, spec_hash: str, feature_names: Sequence[str], requests: int = 300,
                       candidates: int = 10, seed: int = 7, header: Optional[Sequence[str]] = None) -> int:
    """Labels depend on tag_cosine, embedding_cosine and video_plays_24h (so popularity is a weaker
    but real baseline); the other features are noise. Returns the number of data rows."""
    rng = np.random.default_rng(seed)
    rows = requests * candidates
    features = {name: rng.uniform(0.0, 1.0, rows) for name in feature_names}
    features["tag_cosine"] = rng.uniform(-1.0, 1.0, rows)
    features["embedding_cosine"] = rng.uniform(-1.0, 1.0, rows)
    features["video_plays_24h"] = rng.uniform(0.0, 12.0, rows)
    logit = 2.5 * features["tag_cosine"] + 1.5 * features["embedding_cosine"] + 0.25 * (features["video_plays_24h"] - 6.0)
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
