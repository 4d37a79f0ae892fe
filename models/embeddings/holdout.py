"""The evaluation protocol's split, mirrored from io.reelrank.eval.EvaluationProtocol.

Each user's engaged videos are ordered by the time of their first engagement (ties by video
id); the last one is the test positive and the `train_points` before it are the ranker's
training positives. Those (user, video) pairs are held out of embedding training, so neither
the evaluated model nor its training rows see an embedding that learned from the pair it is
asked about.
"""


def timelines(engagements):
    """user_id -> list of video ids in protocol order."""
    first = {}
    for e in engagements:
        key = (e["user_id"], e["video_id"])
        if key not in first or e["ts"] < first[key]:
            first[key] = e["ts"]
    by_user = {}
    for (user, video), ts in first.items():
        by_user.setdefault(user, []).append((ts, video))
    return {user: [video for _, video in sorted(items)] for user, items in by_user.items()}


def held_out_pairs(engagements, train_points):
    """The (user, video) pairs the protocol asks about: the last train_points + 1 per user,
    never a user's first video (a request needs some history before it)."""
    held = set()
    for user, videos in timelines(engagements).items():
        last = len(videos) - 1
        for back in range(train_points + 1):
            if last - back >= 1:
                held.add((user, videos[last - back]))
    return held
