"""Learns video embeddings from engagements and publishes them into the catalog.

    /usr/bin/python3 models/embeddings/train_embeddings.py --data <contract folder> \
        --out <contract folder> [--train-points 2] [--dim 16] [--epochs 15] [--seed 42]

Reads `engagements.jsonl` and `videos.jsonl` (ReelRank's contract JSON lines), holds out the
pairs the evaluation protocol asks about (holdout.py), and trains one embedding per video so
that a user's weighted mean embedding over the videos they engaged with points at the next
video they engage with. That is exactly how the job uses them: the embedding profile is the
engagement-weighted mean of the embeddings of what the user played and liked, and the
`embedding_cosine` feature is its cosine with a candidate's embedding. The model is a shared
item table trained leave-one-out (the target is removed from its own context) with a sampled
softmax over cosines; nothing in it depends on one data set.

Writes `<out>/videos.jsonl` (every video, embedding filled in; videos without training
engagements get an empty embedding) and copies `engagements.jsonl` beside it, so `<out>` is a
complete contract folder for the evaluation.
"""
import argparse
import json
import os
import random
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from holdout import held_out_pairs  # noqa: E402

# Mirrors io.reelrank.udf.features.ActionWeights.defaults(): the weights the job's profile uses.
ACTION_WEIGHTS = {"like": 3.0, "comment": 2.0, "share": 4.0, "follow": 3.0}


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def user_histories(engagements, videos, held):
    """user -> {video: profile weight} in first-engagement order; every engaged (not held-out)
    video is a target, the weight says how much it counts in the user's context."""
    duration = {v["video_id"]: v.get("duration_ms", 0) for v in videos}
    histories = {}
    for e in engagements:
        key = (e["user_id"], e["video_id"])
        if key in held:
            continue
        weights = histories.setdefault(e["user_id"], {})
        weight = weights.get(e["video_id"], 0.0)
        action = e["action"]
        if action == "play":
            d = duration.get(e["video_id"], 0)
            weight += min(1.0, e.get("watch_ms", 0) / d) if d > 0 else 0.5
        else:
            weight += ACTION_WEIGHTS.get(action, 0.0)
        weights[e["video_id"]] = weight
    return histories


class ItemTable(torch.nn.Module):
    def __init__(self, items, dim):
        super().__init__()
        self.table = torch.nn.Embedding(items, dim)
        torch.nn.init.normal_(self.table.weight, std=0.1)


def train(histories, video_index, dim, epochs, seed, context="causal", negatives=1024, temperature=0.1,
          lr=0.01, targets_per_user=32, users_per_batch=128):
    """Each step takes a batch of users and up to targets_per_user of their videos as targets.
    A target's context is the weighted sum of the user's other videos: those engaged before it
    ("causal", what the job's profile holds when it ranks that video) or all of them ("all").
    Negatives are drawn uniformly from the catalog, as the evaluation protocol draws them."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    items = len(video_index)
    model = ItemTable(items, dim)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    # A skip weighs against a video; the job's embedding profile leaves negative weights out.
    users = [(torch.tensor([video_index[v] for v in h]), torch.tensor([max(0.0, w) for w in h.values()]))
             for h in histories.values() if len(h) >= 2]
    for epoch in range(epochs):
        rng.shuffle(users)
        total = 0.0
        for start in range(0, len(users), users_per_batch):
            contexts, targets = [], []
            for ids, weights in users[start:start + users_per_batch]:
                weighted = model.table(ids) * weights[:, None]
                positions = torch.tensor(rng.sample(range(1, len(ids)), min(targets_per_user, len(ids) - 1)))
                if context == "causal":
                    before = torch.cumsum(weighted, 0) - weighted  # exclusive prefix sums
                    contexts.append(before[positions])
                else:
                    contexts.append(weighted.sum(0) - weighted[positions])
                targets.append(ids[positions])
            ctx = torch.nn.functional.normalize(torch.cat(contexts), dim=1)
            target = torch.cat(targets)
            sampled = torch.randint(0, items, (negatives,))
            positive = (ctx * torch.nn.functional.normalize(model.table(target), dim=1)).sum(1, keepdim=True)
            negative = ctx @ torch.nn.functional.normalize(model.table(sampled), dim=1).T
            negative = negative.masked_fill(target[:, None] == sampled[None, :], float("-inf"))
            logits = torch.cat([positive, negative], 1) / temperature
            loss = torch.nn.functional.cross_entropy(logits, torch.zeros(len(target), dtype=torch.long))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch + 1}/{epochs} loss {total:.2f}", file=sys.stderr)
    return torch.nn.functional.normalize(model.table.weight.detach(), dim=1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--train-points", type=int, default=2)
    parser.add_argument("--dim", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--context", choices=["causal", "all"], default="causal")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)

    # Sorted by time (stable), so each user's videos are in first-engagement order.
    engagements = sorted(read_lines(os.path.join(args.data, "engagements.jsonl")), key=lambda e: e["ts"])
    videos = read_lines(os.path.join(args.data, "videos.jsonl"))
    held = held_out_pairs(engagements, args.train_points)
    histories = user_histories(engagements, videos, held)
    trained = sorted({v for h in histories.values() for v in h})
    video_index = {v: i for i, v in enumerate(trained)}
    table = train(histories, video_index, args.dim, args.epochs, args.seed, args.context)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "videos.jsonl"), "w", encoding="utf-8") as f:
        for video in videos:
            i = video_index.get(video["video_id"])
            video["embedding"] = [] if i is None else [round(float(x), 6) for x in table[i]]
            f.write(json.dumps(video, separators=(",", ":")) + "\n")
    source = os.path.join(args.data, "engagements.jsonl")
    target = os.path.join(args.out, "engagements.jsonl")
    if os.path.abspath(source) != os.path.abspath(target):
        shutil.copyfile(source, target)
    print(f"embedded {len(video_index)} of {len(videos)} videos (dim {args.dim}) from {len(histories)} users; "
          f"held out {len(held)} protocol pairs; wrote {args.out}")


if __name__ == "__main__":
    main()
