"""A sequence-aware, multi-head ranker: the candidate's id embedding, target attention of the
candidate over the user's recent history, a mean of that history, and the standardised feature row,
fed to one MLP with one logit per objective (the serving graph adds a sigmoid per head).

The forward signature is model contract v2's inputs, in its order, so the exported graph takes
exactly what the job supplies. The standardisation lives inside the graph, as in the MLP ranker.
"""
import math
from dataclasses import dataclass
from typing import Sequence, Tuple

import numpy as np
import torch
from torch import nn

from sequence_data import ACTION_COUNT

# Ages are bucketed by log2(1 + hours): an hour apart matters within a session, a month apart does not.
AGE_BUCKETS = 20
HIDDEN_SIZES = (128, 64)
MASKED_SCORE = 1e4


@dataclass(frozen=True)
class ModelShape:
    feature_count: int
    vocabulary_size: int
    heads: Tuple[str, ...]
    dim: int = 32
    use_features: bool = True
    use_ids: bool = True
    use_history: bool = True
    # Only scalar id signals (bias, dot products, retrieval logit) reach the MLP, not the vectors:
    # the logged requests are too few to learn from raw embeddings without memorising ids.
    scalar_ids: bool = False


class SequenceRanker(nn.Module):

    def __init__(self, shape: ModelShape, feature_mean: np.ndarray, feature_std: np.ndarray):
        super().__init__()
        self.shape = shape
        self.register_buffer("feature_mean", torch.tensor(feature_mean, dtype=torch.float32))
        self.register_buffer("feature_std", torch.tensor(feature_std, dtype=torch.float32))
        dim = shape.dim
        self.items = nn.Embedding(shape.vocabulary_size, dim)
        self.item_bias = nn.Embedding(shape.vocabulary_size, 1)
        self.actions = nn.Embedding(ACTION_COUNT, dim)
        self.ages = nn.Embedding(AGE_BUCKETS, dim)
        self.query = nn.Linear(dim, dim, bias=False)
        for table in (self.items, self.actions, self.ages):
            nn.init.normal_(table.weight, std=0.05)
        nn.init.zeros_(self.item_bias.weight)
        id_width, history_width = (1, 3) if shape.scalar_ids else (dim + 1, 4 * dim + 1)
        width = (shape.feature_count if shape.use_features else 0) + (id_width if shape.use_ids else 0) \
            + (history_width if shape.use_history else 0)
        self.mlp = nn.Sequential(
            nn.Linear(width, HIDDEN_SIZES[0]), nn.ReLU(),
            nn.Linear(HIDDEN_SIZES[0], HIDDEN_SIZES[1]), nn.ReLU(),
            nn.Linear(HIDDEN_SIZES[1], len(shape.heads)))

    def history_summary(self, candidate_ids, candidate_request, history_ids, history_actions,
                        history_age_hours, history_mask, per_request: int = 0):
        """(candidate embedding, attended history, mean history), each [C, dim]. Training batches whose
        requests all have `per_request` contiguous candidates take a batched path that gives the same
        values without copying the history once per candidate; the exported graph takes the general one."""
        candidate = self.items(candidate_ids)
        buckets = torch.clamp(torch.floor(torch.log2(1.0 + torch.clamp(history_age_hours, min=0.0))),
                              0, AGE_BUCKETS - 1).long()
        entries = self.items(history_ids) + self.actions(history_actions) + self.ages(buckets)  # [R, N, D]
        entries = entries * history_mask.unsqueeze(-1)
        mean = entries.sum(1) / torch.clamp(history_mask.sum(1, keepdim=True), min=1.0)  # [R, D]
        if per_request:
            requests, dim = entries.shape[0], self.shape.dim
            query = self.query(candidate).reshape(requests, per_request, dim)
            scores = torch.matmul(query, entries.transpose(1, 2)) / math.sqrt(dim)  # [R, K, N]
            mask = history_mask.unsqueeze(1)
            weights = torch.softmax(scores * mask + (mask - 1.0) * MASKED_SCORE, dim=-1) * mask
            attended = torch.matmul(weights, entries).reshape(-1, dim)
            return candidate, attended, mean.repeat_interleave(per_request, dim=0)
        per_candidate = entries[candidate_request]  # [C, N, D]
        mask = history_mask[candidate_request]  # [C, N]
        query = self.query(candidate).unsqueeze(-1)  # [C, D, 1]
        scores = torch.matmul(per_candidate, query).squeeze(-1) / math.sqrt(self.shape.dim)
        scores = scores * mask + (mask - 1.0) * MASKED_SCORE
        # Multiplying by the mask again zeroes the uniform weights an empty history would get.
        weights = torch.softmax(scores, dim=-1) * mask
        attended = torch.matmul(weights.unsqueeze(1), per_candidate).squeeze(1)
        return candidate, attended, mean[candidate_request]

    def retrieval_logit(self, candidate, attended, mean, candidate_ids):
        """The ids-and-history part alone, as trained on next-item examples without feature rows."""
        return ((attended + mean) * candidate).sum(-1) + self.item_bias(candidate_ids).squeeze(-1)

    def logits(self, features, candidate_ids, candidate_request, history_ids, history_actions,
               history_age_hours, history_mask, per_request: int = 0):
        shape = self.shape
        parts = []
        if shape.use_features:
            parts.append((features - self.feature_mean) / self.feature_std)
        if shape.use_ids or shape.use_history:
            candidate, attended, mean = self.history_summary(
                candidate_ids, candidate_request, history_ids, history_actions, history_age_hours, history_mask,
                per_request)
            bias = self.item_bias(candidate_ids)
            if shape.use_ids:
                parts += [bias] if shape.scalar_ids else [candidate, bias]
            if shape.use_history:
                retrieval = self.retrieval_logit(candidate, attended, mean, candidate_ids).unsqueeze(-1)
                if shape.scalar_ids:
                    parts += [(attended * candidate).sum(-1, keepdim=True), (mean * candidate).sum(-1, keepdim=True),
                              retrieval]
                else:
                    parts += [attended, mean, attended * candidate, mean * candidate, retrieval]
        return self.mlp(torch.cat(parts, dim=-1))

    def forward(self, features, candidate_ids, candidate_request, history_ids, history_actions,
                history_age_hours, history_mask):
        scores = torch.sigmoid(self.logits(features, candidate_ids, candidate_request, history_ids,
                                           history_actions, history_age_hours, history_mask))
        return tuple(scores[:, head] for head in range(len(self.shape.heads)))
