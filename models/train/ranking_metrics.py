"""Ranking metrics in plain numpy: rank-based AUC and NDCG@k averaged over requests.

Ties are scored as their expectation under a random order of the tied items. That matters for the
baselines: many videos share a popularity value, and a constant scorer is exactly the random
baseline, so its NDCG is the expected NDCG of a random ranking rather than one lucky draw.
"""
from typing import Optional

import numpy as np


def average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks, ties given the mean of the ranks they span."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    starts_group = np.r_[True, sorted_values[1:] != sorted_values[:-1]]
    group = np.cumsum(starts_group) - 1
    starts = np.flatnonzero(starts_group)
    counts = np.diff(np.r_[starts, len(values)])
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = (starts + (counts - 1) / 2.0 + 1.0)[group]
    return ranks


def auc(labels: np.ndarray, scores: np.ndarray) -> Optional[float]:
    """Probability that a random positive outscores a random negative (Mann-Whitney U); None when
    only one class is present, because the AUC is then undefined rather than 0.5."""
    labels = np.asarray(labels) > 0.5
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return None
    ranks = average_ranks(np.asarray(scores, dtype=np.float64))
    u = ranks[labels].sum() - positives * (positives + 1) / 2.0
    return float(u / (positives * negatives))


def dcg_at_k(gains: np.ndarray, scores: np.ndarray, k: int) -> float:
    """DCG of ranking by descending score; each tie group shares the mean discount of its positions."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="mergesort")
    sorted_scores = np.asarray(scores, dtype=np.float64)[order]
    sorted_gains = np.asarray(gains, dtype=np.float64)[order]
    positions = np.arange(len(order))
    discounts = np.where(positions < k, 1.0 / np.log2(positions + 2.0), 0.0)
    total = 0.0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        total += sorted_gains[start:end + 1].sum() * discounts[start:end + 1].mean()
        start = end + 1
    return float(total)


def mean_ndcg_at_k(request_ids: np.ndarray, gains: np.ndarray, scores: np.ndarray, k: int = 10) -> Optional[float]:
    """NDCG@k per request, averaged over requests that have at least one positive (for the others
    every ranking is equally good, so they carry no signal); None when no request has one."""
    _, group_of_row = np.unique(request_ids, return_inverse=True)
    order = np.argsort(group_of_row, kind="mergesort")
    boundaries = np.flatnonzero(np.diff(group_of_row[order])) + 1
    values = []
    for rows in np.split(order, boundaries):
        request_gains = gains[rows]
        ideal = dcg_at_k(request_gains, request_gains, k)
        if ideal > 0:
            values.append(dcg_at_k(request_gains, scores[rows], k) / ideal)
    return float(np.mean(values)) if values else None


def hit_rate_at_k(request_ids: np.ndarray, gains: np.ndarray, scores: np.ndarray, k: int = 10) -> Optional[float]:
    """Per request with positives: the expected share of its positives ranked in the top k, ties in a
    random order (a positive tied with t others over ranks p..p+t is in the top k with probability
    (k - p + 1) / (t + 1), clipped to [0, 1]); averaged over those requests. With one positive per
    request, as in the evaluation protocol, this is HR@k."""
    _, group_of_row = np.unique(request_ids, return_inverse=True)
    order = np.argsort(group_of_row, kind="mergesort")
    boundaries = np.flatnonzero(np.diff(group_of_row[order])) + 1
    values = []
    for rows in np.split(order, boundaries):
        request_scores = np.asarray(scores, dtype=np.float64)[rows]
        positives = np.asarray(gains)[rows] > 0
        if not positives.any():
            continue
        hits = []
        for value in request_scores[positives]:
            higher = int((request_scores > value).sum())
            tied = int((request_scores == value).sum()) - 1
            hits.append(min(1.0, max(0.0, (k - higher) / (tied + 1))))
        values.append(float(np.mean(hits)))
    return float(np.mean(values)) if values else None
