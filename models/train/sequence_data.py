"""The user histories a sequence model reads, built exactly as the job hands them to the scorer.

A history at a request is the user's engagements at or before the request time, impressions
excluded, newest first (ties: the later one in the input first), at most N. The job logs it per
request (the feature log's `requests` lines, or EvaluateMain's `<training-out>-requests.jsonl`);
`EngagementHistories` rebuilds the same lists from the contract's engagements.jsonl.
"""
import bisect
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

from vocabulary import Vocabulary

# contract.Action.code(); 0 is padding.
ACTION_CODES = {"impression": 1, "play": 2, "like": 3, "comment": 4, "share": 5, "follow": 6, "skip": 7}
ACTION_COUNT = 8
MS_PER_HOUR = 3_600_000.0


@dataclass(frozen=True)
class History:
    """One request's history, newest first: video ids, Action codes, ages in hours at the request."""
    video_ids: Tuple[str, ...]
    actions: Tuple[int, ...]
    age_hours: Tuple[float, ...]


EMPTY = History((), (), ())


def read_json_lines(path: Path) -> List[dict]:
    """A JSON-lines file, or a file sink's directory of part files (in-progress files skipped)."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [json.loads(line) for file in files for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_request_histories(path: Path) -> Dict[str, History]:
    """request_id -> History from the job's request lines."""
    histories = {}
    for line in read_json_lines(path):
        histories[str(line["request_id"])] = History(
            tuple(line.get("history_video_ids") or ()), tuple(int(a) for a in line.get("history_actions") or ()),
            tuple(float(h) for h in line.get("history_age_hours") or ()))
    return histories


class EngagementHistories:
    """Every user's engagements (impressions excluded) in apply order: by ts, then input order."""

    def __init__(self, engagements: Sequence[dict]):
        by_user: Dict[str, List[Tuple[int, int, str, int]]] = {}
        for order, e in enumerate(engagements):
            code = ACTION_CODES.get(e["action"])
            if code is None or code == ACTION_CODES["impression"]:
                continue
            by_user.setdefault(e["user_id"], []).append((int(e["ts"]), order, e["video_id"], code))
        self._events = {user: sorted(events) for user, events in by_user.items()}
        self._times = {user: [event[0] for event in events] for user, events in self._events.items()}

    @staticmethod
    def read(path: Path) -> "EngagementHistories":
        return EngagementHistories(read_json_lines(path))

    def at(self, user_id: str, request_ts: int, length: int) -> History:
        events = self._events.get(user_id)
        if not events or length <= 0:
            return EMPTY
        end = bisect.bisect_right(self._times[user_id], request_ts)
        newest = events[max(0, end - length):end][::-1]
        return History(tuple(e[2] for e in newest), tuple(e[3] for e in newest),
                       tuple(max(0, request_ts - e[0]) / MS_PER_HOUR for e in newest))


@dataclass(frozen=True)
class HistoryTensors:
    """The model's history inputs for R requests, [R, N] each, padded after the user's entries."""
    ids: np.ndarray  # int64
    actions: np.ndarray  # int64
    age_hours: np.ndarray  # float32
    mask: np.ndarray  # float32

    @staticmethod
    def of(histories: Sequence[History], vocabulary: Vocabulary, length: int) -> "HistoryTensors":
        rows = len(histories)
        ids = np.zeros((rows, length), dtype=np.int64)
        actions = np.zeros((rows, length), dtype=np.int64)
        ages = np.zeros((rows, length), dtype=np.float32)
        mask = np.zeros((rows, length), dtype=np.float32)
        for row, history in enumerate(histories):
            kept = min(length, len(history.video_ids))
            ids[row, :kept] = vocabulary.indices(history.video_ids[:kept])
            actions[row, :kept] = history.actions[:kept]
            ages[row, :kept] = history.age_hours[:kept]
            mask[row, :kept] = 1.0
        return HistoryTensors(ids, actions, ages, mask)

    def rows(self, index: np.ndarray) -> "HistoryTensors":
        return HistoryTensors(self.ids[index], self.actions[index], self.age_hours[index], self.mask[index])
