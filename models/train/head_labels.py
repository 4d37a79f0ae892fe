"""Labels per objective head, from a logged example's label and its optional `actions`/`watch_ms`.

engaged: the example's own label (what the feature log's positive actions count; the evaluation
protocol counts every engagement, a skip included). play: any of play, like, comment, share, follow.
like: a like. finish: watched at least 90% of the video, whose length is read back from the row's
duration_seconds column (log1p-transformed by the job).
"""
from typing import Optional, Sequence, Tuple

import numpy as np

HEADS = ("engaged", "play", "finish", "like")
PLAY_ACTIONS = {"play", "like", "comment", "share", "follow"}
FINISHED_FRACTION = 0.9


class HeadLabelsRefused(Exception):
    pass


def head_labels(heads: Sequence[str], labels: Sequence[float], actions: Sequence[Optional[Tuple[str, ...]]],
                watch_ms: Sequence[int], duration_seconds: np.ndarray) -> np.ndarray:
    """float32 [rows, len(heads)]."""
    unknown = [head for head in heads if head not in HEADS]
    if unknown:
        raise HeadLabelsRefused(f"unknown heads {unknown}; known: {', '.join(HEADS)}")
    if any(head != "engaged" for head in heads) and any(a is None for a in actions):
        raise HeadLabelsRefused(f"heads {list(heads)} need the examples' 'actions' (written by newer jobs); "
                                "train the 'engaged' head alone on this data")
    columns = []
    for head in heads:
        if head == "engaged":
            columns.append(np.asarray(labels, dtype=np.float32))
        elif head == "play":
            columns.append(np.array([bool(PLAY_ACTIONS.intersection(a)) for a in actions], dtype=np.float32))
        elif head == "like":
            columns.append(np.array(["like" in a for a in actions], dtype=np.float32))
        else:
            duration_ms = np.expm1(np.asarray(duration_seconds, dtype=np.float64)) * 1000.0
            columns.append((np.asarray(watch_ms, dtype=np.float64) >= FINISHED_FRACTION * duration_ms)
                           .astype(np.float32) * (np.asarray(watch_ms) > 0))
    return np.stack(columns, axis=1)
