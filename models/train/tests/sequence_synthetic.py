"""A tiny contract world for the sequence model's tests: users who each engage with one cluster of
videos, so only the history says which candidates a user will engage with. Writes videos.jsonl,
engagements.jsonl, the logged examples (training.jsonl, feature-log format) and their requests'
histories (training-requests.jsonl), all seeded."""
import json
from pathlib import Path
from typing import Sequence

import numpy as np

CLUSTERS = 4
VIDEOS_PER_CLUSTER = 12
HOUR_MS = 3_600_000
START_MS = 1_767_225_600_000


def write_world(folder: Path, spec_hash: str, feature_names: Sequence[str], users: int = 60,
                engagements_per_user: int = 8, candidates: int = 8, seed: int = 5) -> dict:
    rng = np.random.default_rng(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    videos = [f"v{c}-{i}" for c in range(CLUSTERS) for i in range(VIDEOS_PER_CLUSTER)]
    (folder / "videos.jsonl").write_text("".join(json.dumps({"video_id": v, "deleted": False}) + "\n" for v in videos))
    engagements, examples, requests = [], [], []
    duration_column = feature_names.index("duration_seconds")
    for user_number in range(users):
        user = f"u{user_number}"
        cluster = user_number % CLUSTERS
        mine = [v for v in videos if v.startswith(f"v{cluster}-")]
        watched = list(rng.choice(mine, engagements_per_user, replace=False))
        history = []
        for step, video in enumerate(watched):
            ts = START_MS + user_number * 1000 * HOUR_MS + step * HOUR_MS
            if step >= 2:
                request_id = f"r-{user}-{step}"
                others = [v for v in videos if v not in watched]
                negatives = list(rng.choice(others, candidates - 1, replace=False))
                for candidate in [video] + negatives:
                    features = rng.normal(0.0, 1.0, len(feature_names))
                    features[duration_column] = np.log1p(600.0)
                    liked = candidate == video and step % 2 == 0
                    examples.append({
                        "request_id": request_id, "user_id": user, "video_id": candidate, "trigger": "request",
                        "event_ts": ts - 1, "model_version": "ranker/1", "feature_spec_hash": spec_hash,
                        "score": 0.5, "label": int(candidate == video),
                        "label_action": "play" if candidate == video else None,
                        "actions": (["like", "play"] if liked else ["play"]) if candidate == video else [],
                        "watch_ms": 600_000 if liked else (120_000 if candidate == video else 0),
                        "features": [float(x) for x in features]})
                requests.append({"request_id": request_id, "user_id": user, "trigger": "request", "event_ts": ts - 1,
                                 "model_version": "ranker/1", "history_video_ids": [h[0] for h in history[::-1]],
                                 "history_actions": [2] * len(history),
                                 "history_age_hours": [(ts - 1 - h[1]) / HOUR_MS for h in history[::-1]]})
            engagements.append({"event_id": f"e-{user}-{step}", "user_id": user, "video_id": video, "action": "play",
                                "watch_ms": 120_000, "ts": ts})
            history.append((video, ts))
    (folder / "engagements.jsonl").write_text("".join(json.dumps(e) + "\n" for e in engagements))
    (folder / "training.jsonl").write_text("".join(json.dumps(e) + "\n" for e in examples))
    (folder / "training-requests.jsonl").write_text("".join(json.dumps(r) + "\n" for r in requests))
    return {"examples": len(examples), "requests": len(requests), "videos": len(videos)}
