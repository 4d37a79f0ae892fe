"""Candidates grouped by request, with each request's history: what the sequence model trains on.

Rows of a request are contiguous, so a batch of requests is a batch of row ranges, and
`candidate_request` maps each row to its request's history row, as the serving graph does.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

from sequence_data import History, HistoryTensors
from vocabulary import Vocabulary


@dataclass(frozen=True)
class RankingSet:
    request_ids: np.ndarray  # object [R]
    histories: HistoryTensors  # [R, N]
    starts: np.ndarray  # int64 [R + 1]: the rows of request r are starts[r]:starts[r + 1]
    features: np.ndarray  # float32 [rows, F]
    candidate_ids: np.ndarray  # int64 [rows]
    labels: np.ndarray  # float32 [rows, heads]

    @property
    def request_count(self) -> int:
        return len(self.request_ids)

    def row_requests(self) -> np.ndarray:
        return np.repeat(np.arange(self.request_count), np.diff(self.starts))

    def batch(self, requests: np.ndarray, random: Optional[np.random.Generator] = None,
              negatives: int = 0) -> Dict[str, np.ndarray]:
        """The model inputs (and labels) of some requests, candidate_request renumbered from 0. With
        `random` and `negatives`, each request keeps its positives and that many sampled other rows."""
        spans = [np.arange(self.starts[r], self.starts[r + 1]) for r in requests]
        if random is not None and negatives > 0:
            spans = [self._sample(span, random, negatives) for span in spans]
        counts = np.array([len(span) for span in spans], dtype=np.int64)
        rows = np.concatenate(spans)
        histories = self.histories.rows(requests)
        return {"features": self.features[rows], "candidate_ids": self.candidate_ids[rows],
                "candidate_request": np.repeat(np.arange(len(requests)), counts),
                "history_ids": histories.ids, "history_actions": histories.actions,
                "history_age_hours": histories.age_hours, "history_mask": histories.mask,
                "labels": self.labels[rows]}

    def _sample(self, span: np.ndarray, random: np.random.Generator, negatives: int) -> np.ndarray:
        positive = self.labels[span].max(axis=1) > 0.5
        others = span[~positive]
        if len(others) > negatives:
            others = np.sort(random.choice(others, negatives, replace=False))
        return np.concatenate([span[positive], others])

    def subset(self, requests: np.ndarray) -> "RankingSet":
        counts = self.starts[requests + 1] - self.starts[requests]
        rows = np.concatenate([np.arange(self.starts[r], self.starts[r + 1]) for r in requests]) if len(requests) \
            else np.zeros(0, dtype=np.int64)
        return RankingSet(self.request_ids[requests], self.histories.rows(requests), np.r_[0, np.cumsum(counts)],
                          self.features[rows], self.candidate_ids[rows], self.labels[rows])


def group_by_request(request_ids: Sequence[str], video_ids: Sequence[str], features: np.ndarray,
                     labels: np.ndarray, histories: Dict[str, History], vocabulary: Vocabulary,
                     history_length: int) -> RankingSet:
    """Rows in any order -> a RankingSet ordered by request id then input order."""
    order = np.argsort(np.asarray(request_ids, dtype=object), kind="stable")
    sorted_ids = [request_ids[i] for i in order]
    unique: List[str] = []
    starts = []
    for row, request_id in enumerate(sorted_ids):
        if not unique or unique[-1] != request_id:
            unique.append(request_id)
            starts.append(row)
    starts.append(len(sorted_ids))
    tensors = HistoryTensors.of([histories[r] for r in unique], vocabulary, history_length)
    return RankingSet(np.array(unique, dtype=object), tensors, np.array(starts, dtype=np.int64),
                      features[order].astype(np.float32), vocabulary.indices(video_ids[i] for i in order),
                      labels[order].astype(np.float32))
