"""Training loop of the sequence ranker: batches of whole requests, one loss per head, and an
optional next-item set that trains the ids-and-history part on examples without feature rows."""
import copy
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import torch
from torch import nn

from ranking_set import RankingSet
from sequence_model import SequenceRanker

INPUTS = ("features", "candidate_ids", "candidate_request", "history_ids", "history_actions",
          "history_age_hours", "history_mask")


@dataclass(frozen=True)
class SequenceSettings:
    epochs: int = 12
    requests_per_batch: int = 32
    learning_rate: float = 2e-3
    weight_decay: float = 0.0
    patience: int = 3
    seed: int = 42
    next_item_weight: float = 1.0
    pretrain_epochs: int = 0  # next-item epochs before the logged requests are trained on
    freeze_pretrained: bool = False  # keep the pretrained ids and attention fixed afterwards
    sampled_negatives: int = 30  # per logged request and batch; 0 keeps every candidate
    next_items_per_batch: int = 64
    next_item_negatives: int = 0  # sampled per request and batch from its pool; 0 uses the whole pool


@dataclass
class SequenceResult:
    epochs_run: int = 0
    best_epoch: int = 0
    train_losses: List[float] = field(default_factory=list)
    validation_losses: List[float] = field(default_factory=list)


def make_deterministic(seed: int) -> None:
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    # One thread: float sums happen in one order, so a seed gives bit-identical weights.
    torch.set_num_threads(1)


def tensors(batch):
    return [torch.from_numpy(np.ascontiguousarray(batch[name])) for name in INPUTS]


def uniform_count(batch) -> int:
    """Candidates per request when every request of the batch has the same number, else 0."""
    counts = np.bincount(batch["candidate_request"], minlength=len(batch["history_ids"]))
    return int(counts[0]) if len(counts) and (counts == counts[0]).all() else 0


def listwise_loss(logits: torch.Tensor, labels: torch.Tensor, candidate_request: torch.Tensor, requests: int):
    """Softmax cross-entropy of each request's positives against all its candidates, per head,
    averaged over (request, head) pairs that have a positive: it optimises the positive's rank."""
    heads = logits.shape[1]
    index = candidate_request.unsqueeze(1).expand(-1, heads)
    peak = torch.zeros(requests, heads).scatter_reduce(0, index, logits.detach(), "amax", include_self=False)
    exp = torch.exp(logits - peak[candidate_request])
    log_norm = torch.log(torch.zeros(requests, heads).scatter_add(0, index, exp)) + peak
    positives = torch.zeros(requests, heads).scatter_add(0, index, labels)
    picked = torch.zeros(requests, heads).scatter_add(0, index, labels * (logits - log_norm[candidate_request]))
    has = positives > 0
    if not bool(has.any()):
        return logits.sum() * 0.0
    return -(picked[has] / positives[has]).mean()


def batch_loss(model: SequenceRanker, data: RankingSet, requests: np.ndarray,
               random: Optional[np.random.Generator] = None, negatives: int = 0) -> torch.Tensor:
    batch = data.batch(requests, random, negatives)
    inputs = tensors(batch)
    logits = model.logits(*inputs, per_request=uniform_count(batch))
    labels = torch.from_numpy(batch["labels"])
    return listwise_loss(logits, labels, inputs[2], len(requests)) \
        + nn.functional.binary_cross_entropy_with_logits(logits, labels)


def next_item_loss(model: SequenceRanker, data: RankingSet, requests: np.ndarray,
                   random: Optional[np.random.Generator] = None, negatives: int = 0) -> torch.Tensor:
    batch = data.batch(requests, random, negatives)
    inputs = tensors(batch)
    candidate, attended, mean = model.history_summary(*inputs[1:], per_request=uniform_count(batch))
    logits = model.retrieval_logit(candidate, attended, mean, inputs[1]).unsqueeze(-1)
    return listwise_loss(logits, torch.from_numpy(batch["labels"][:, :1]), inputs[2], len(requests))


def mean_loss(model: SequenceRanker, data: RankingSet, requests_per_batch: int) -> float:
    with torch.no_grad():
        batches = np.array_split(np.arange(data.request_count), max(1, data.request_count // requests_per_batch))
        return float(np.mean([batch_loss(model, data, b).item() for b in batches]))


def sequence_parameters(model: SequenceRanker):
    return [p for module in (model.items, model.item_bias, model.actions, model.ages, model.query)
            for p in module.parameters()]


def pretrain(model: SequenceRanker, next_items: RankingSet, settings: SequenceSettings, log=print) -> None:
    """Next-item epochs that train the ids and the attention alone (no feature rows)."""
    optimiser = torch.optim.Adam(sequence_parameters(model), lr=settings.learning_rate)
    shuffler = np.random.default_rng(settings.seed + 1)
    for epoch in range(1, settings.pretrain_epochs + 1):
        model.train()
        batches = np.array_split(shuffler.permutation(next_items.request_count),
                                 max(1, next_items.request_count // (4 * settings.next_items_per_batch)))
        total = 0.0
        for requests in batches:
            optimiser.zero_grad()
            loss = next_item_loss(model, next_items, requests, shuffler, settings.next_item_negatives)
            loss.backward()
            optimiser.step()
            total += loss.item()
        log(f"next-item epoch {epoch}: loss {total / len(batches):.4f}")


def fit(model: SequenceRanker, train: RankingSet, validation: Optional[RankingSet],
        next_items: Optional[RankingSet], settings: SequenceSettings, log=print) -> SequenceResult:
    """Adam; with validation requests keeps the epoch with the lowest validation loss and stops after
    `patience` epochs without improvement. Next-item batches are interleaved with ranking batches."""
    if next_items is not None and settings.pretrain_epochs:
        pretrain(model, next_items, settings, log)
        next_items = None if settings.freeze_pretrained else next_items
    if settings.freeze_pretrained:
        for parameter in sequence_parameters(model):
            parameter.requires_grad_(False)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.Adam(trained, lr=settings.learning_rate, weight_decay=settings.weight_decay)
    shuffler = np.random.default_rng(settings.seed)
    result = SequenceResult()
    best_loss, best_state = float("inf"), None
    for epoch in range(1, settings.epochs + 1):
        model.train()
        batches = np.array_split(shuffler.permutation(train.request_count),
                                 max(1, train.request_count // settings.requests_per_batch))
        extra = []
        if next_items is not None:
            extra = shuffler.permutation(next_items.request_count)[:len(batches) * settings.next_items_per_batch]
            extra = np.array_split(extra, len(batches))
        total = 0.0
        for number, requests in enumerate(batches):
            optimiser.zero_grad()
            loss = batch_loss(model, train, requests, shuffler, settings.sampled_negatives)
            if next_items is not None:
                loss = loss + settings.next_item_weight * next_item_loss(model, next_items, extra[number])
            loss.backward()
            optimiser.step()
            total += loss.item()
        result.train_losses.append(total / len(batches))
        result.epochs_run = epoch
        model.eval()
        if validation is None or validation.request_count == 0:
            result.best_epoch = epoch
            log(f"epoch {epoch}: train loss {result.train_losses[-1]:.4f}")
            continue
        validation_loss = mean_loss(model, validation, settings.requests_per_batch)
        result.validation_losses.append(validation_loss)
        log(f"epoch {epoch}: train loss {result.train_losses[-1]:.4f}, validation loss {validation_loss:.4f}")
        if validation_loss < best_loss:
            best_loss, best_state, result.best_epoch = validation_loss, copy.deepcopy(model.state_dict()), epoch
        elif epoch - result.best_epoch >= settings.patience:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return result
