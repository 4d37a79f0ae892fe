"""The ranking MLP and its training loop.

Training runs on standardised inputs (raw features differ in scale by an order of magnitude), but
the exported model must take the raw feature rows the job assembles. `to_serving_mlp` therefore
folds the mean/std into the first Linear layer: W' = W / std, b' = b - W' @ mean.
"""
import copy
from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import torch
from torch import nn

HIDDEN_SIZES = (64, 32)


def build_mlp(feature_count: int) -> nn.Sequential:
    """Features -> 64 -> 32 -> 1 logit, ReLU between; the serving model adds the sigmoid."""
    return nn.Sequential(
        nn.Linear(feature_count, HIDDEN_SIZES[0]), nn.ReLU(),
        nn.Linear(HIDDEN_SIZES[0], HIDDEN_SIZES[1]), nn.ReLU(),
        nn.Linear(HIDDEN_SIZES[1], 1))


@dataclass(frozen=True)
class Standardisation:
    mean: np.ndarray
    std: np.ndarray

    @staticmethod
    def of(features: np.ndarray) -> "Standardisation":
        mean = features.mean(axis=0, dtype=np.float64)
        std = features.std(axis=0, dtype=np.float64)
        # A constant column (e.g. a feature the job does not fill yet) must not divide by zero.
        return Standardisation(mean, np.where(std < 1e-6, 1.0, std))

    def apply(self, features: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(((features - self.mean) / self.std).astype(np.float32))


@dataclass(frozen=True)
class TrainingSettings:
    epochs: int
    batch_size: int
    learning_rate: float
    patience: int
    seed: int


@dataclass
class TrainingResult:
    mlp: nn.Sequential
    epochs_run: int
    best_epoch: int
    train_losses: List[float]
    validation_losses: List[float]


def make_deterministic(seed: int) -> None:
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    # One thread: float sums then happen in one order, so a seed gives bit-identical weights.
    torch.set_num_threads(1)


def fit(train_x: torch.Tensor, train_y: torch.Tensor, validation_x: Optional[torch.Tensor],
        validation_y: Optional[torch.Tensor], settings: TrainingSettings) -> TrainingResult:
    """Adam on BCE; with validation rows, keeps the weights of the epoch with the lowest validation
    loss and stops after `patience` epochs without improvement, otherwise runs all epochs."""
    make_deterministic(settings.seed)
    mlp = build_mlp(train_x.shape[1])
    optimiser = torch.optim.Adam(mlp.parameters(), lr=settings.learning_rate)
    loss_fn = nn.BCEWithLogitsLoss()
    shuffler = torch.Generator().manual_seed(settings.seed)
    targets = train_y.reshape(-1, 1)
    result = TrainingResult(mlp, 0, 0, [], [])
    best_loss, best_state = float("inf"), None
    for epoch in range(1, settings.epochs + 1):
        mlp.train()
        epoch_loss = 0.0
        for batch in torch.randperm(len(train_x), generator=shuffler).split(settings.batch_size):
            optimiser.zero_grad()
            loss = loss_fn(mlp(train_x[batch]), targets[batch])
            loss.backward()
            optimiser.step()
            epoch_loss += loss.item() * len(batch)
        result.train_losses.append(epoch_loss / len(train_x))
        result.epochs_run = epoch
        if validation_x is None:
            result.best_epoch = epoch
            continue
        mlp.eval()
        with torch.no_grad():
            validation_loss = loss_fn(mlp(validation_x), validation_y.reshape(-1, 1)).item()
        result.validation_losses.append(validation_loss)
        if validation_loss < best_loss:
            best_loss, best_state, result.best_epoch = validation_loss, copy.deepcopy(mlp.state_dict()), epoch
        elif epoch - result.best_epoch >= settings.patience:
            break
    if best_state is not None:
        mlp.load_state_dict(best_state)
    mlp.eval()
    return result


def to_serving_mlp(mlp: nn.Sequential, standardisation: Standardisation) -> nn.Sequential:
    """A copy of the trained MLP that takes raw features and ends in a sigmoid (the score)."""
    serving = copy.deepcopy(mlp)
    first = serving[0]
    weight = first.weight.detach().double().numpy()
    bias = first.bias.detach().double().numpy()
    folded_weight = weight / standardisation.std[np.newaxis, :]
    folded_bias = bias - folded_weight @ standardisation.mean
    with torch.no_grad():
        first.weight.copy_(torch.from_numpy(folded_weight.astype(np.float32)))
        first.bias.copy_(torch.from_numpy(folded_bias.astype(np.float32)))
    serving.append(nn.Sigmoid())
    return serving.eval()
