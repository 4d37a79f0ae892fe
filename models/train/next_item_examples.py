"""Next-item examples from the users' own engagement history, to train the id embeddings and the
history attention on far more positives than the logged training requests hold.

They mirror the evaluation protocol (models/embeddings/holdout.py): each user's engaged videos in
order of first engagement; for every video but the first, a request 1 ms before it whose
candidates are it and `negatives` videos the user never engaged with, drawn uniformly from the
catalog. The last `held_out` videos of each user (the protocol's test and training positives) are
left out, so no id embedding learns the pair a logged training row, or a test request, asks about.
"""
from typing import Dict, List, Sequence

import numpy as np

from ranking_set import RankingSet
from sequence_data import EngagementHistories, History, HistoryTensors
from vocabulary import Vocabulary


def protocol_timelines(engagements: Sequence[dict]) -> Dict[str, List[tuple]]:
    """user -> [(first ts, video id)] sorted by time then video id, as EvaluationProtocol orders them."""
    first: Dict[tuple, int] = {}
    for e in engagements:
        key = (e["user_id"], e["video_id"])
        ts = int(e["ts"])
        if key not in first or ts < first[key]:
            first[key] = ts
    by_user: Dict[str, List[tuple]] = {}
    for (user, video), ts in first.items():
        by_user.setdefault(user, []).append((ts, video))
    return {user: sorted(items) for user, items in sorted(by_user.items())}


def next_item_set(engagements: Sequence[dict], catalog: Sequence[str], vocabulary: Vocabulary,
                  held_out: int, negatives: int, history_length: int, seed: int) -> RankingSet:
    """One request per (user, video) before the user's last `held_out` videos; candidate 0 is the positive."""
    histories = EngagementHistories(engagements)
    catalog = np.array(sorted(set(catalog)), dtype=object)
    random = np.random.default_rng(seed)
    request_ids, request_histories, candidates = [], [], []
    for user, timeline in protocol_timelines(engagements).items():
        engaged = {video for _, video in timeline}
        for position in range(1, len(timeline) - held_out):
            ts, positive = timeline[position]
            picked = []
            while len(picked) < negatives:
                for video in catalog[random.integers(0, len(catalog), 2 * negatives)]:
                    if video not in engaged and video not in picked and len(picked) < negatives:
                        picked.append(video)
            request_ids.append(f"next-{position}-{user}")
            request_histories.append(histories.at(user, ts - 1, history_length))
            candidates.append([positive] + picked)
    return _as_ranking_set(request_ids, request_histories, candidates, vocabulary, history_length)


def _as_ranking_set(request_ids, histories: List[History], candidates, vocabulary, history_length) -> RankingSet:
    counts = np.array([len(c) for c in candidates], dtype=np.int64)
    videos = [video for row in candidates for video in row]
    labels = np.zeros((len(videos), 1), dtype=np.float32)
    labels[np.r_[0, np.cumsum(counts)[:-1]], 0] = 1.0
    return RankingSet(np.array(request_ids, dtype=object), HistoryTensors.of(histories, vocabulary, history_length),
                      np.r_[0, np.cumsum(counts)].astype(np.int64), np.zeros((len(videos), 0), dtype=np.float32),
                      vocabulary.indices(videos), labels)
