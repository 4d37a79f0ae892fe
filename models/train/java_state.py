"""The Java feature state (io.reelrank.udf.features) transcribed to plain Python, operation for operation.

Java computes most feature values in 32-bit floats, so every float operation here is rounded to
float32 with f32() exactly where Java rounds (after each +, -, *, /, and each (float) cast). IEEE
float32 arithmetic equals "compute in float64, round once to float32" for those operations, which is
what makes the two sides agree to the last bit, not merely to a tolerance, in nearly every case.
Standard library only, so CI's plain python3 runs it.
"""
import math
import struct

MIN_LONG = -(2 ** 63)
ACTIONS = ("impression", "play", "like", "comment", "share", "follow", "skip")


def f32(value: float) -> float:
    return struct.unpack("<f", struct.pack("<f", value))[0]


def long_sub(a: int, b: int) -> int:
    """a - b with Java long overflow (now - Long.MIN_VALUE wraps to a negative number there)."""
    return ((a - b + 2 ** 63) % 2 ** 64) - 2 ** 63


def decay_factor(elapsed_ms: int, half_life_ms: int) -> float:
    """Decay.factor."""
    if elapsed_ms <= 0:
        return 1.0
    return f32(math.pow(0.5, elapsed_ms / half_life_ms))


def precise_decay_factor(elapsed_ms: int, half_life_ms: int) -> float:
    """Decay.preciseFactor: the same formula in double precision."""
    if elapsed_ms <= 0:
        return 1.0
    return math.pow(0.5, elapsed_ms / half_life_ms)


class DecayedCount:
    """DecayedCount: events weighing 0.5^(age / half-life), one double as of as_of_ts (zero: no reference yet)."""

    def __init__(self, value: float = 0.0, as_of_ts: int = 0):
        self.value, self.as_of_ts = value, as_of_ts

    def plus(self, ts: int, half_life_ms: int) -> "DecayedCount":
        if self.value == 0.0:
            return DecayedCount(1.0, ts)
        if ts <= self.as_of_ts:
            return DecayedCount(self.value + precise_decay_factor(self.as_of_ts - ts, half_life_ms), self.as_of_ts)
        return DecayedCount(self.value * precise_decay_factor(ts - self.as_of_ts, half_life_ms) + 1.0, ts)

    def at(self, now: int, half_life_ms: int) -> float:
        return self.value * precise_decay_factor(now - self.as_of_ts, half_life_ms)


class Window:
    """WindowSpec: a sliding window summed from time buckets."""

    def __init__(self, name: str, length_ms: int, bucket_ms: int):
        if length_ms <= 0 or bucket_ms <= 0 or length_ms % bucket_ms:
            raise ValueError(f"window {name}: length must be a positive multiple of the bucket size")
        self.name, self.length_ms, self.bucket_ms = name, length_ms, bucket_ms

    def bucket_start(self, ts: int) -> int:
        return (ts // self.bucket_ms) * self.bucket_ms

    def expiry_of(self, bucket_start: int) -> int:
        return bucket_start + self.bucket_ms + self.length_ms

    def covers(self, bucket_start: int, now: int) -> bool:
        return bucket_start <= now < self.expiry_of(bucket_start)


class Counts:
    """EngagementCounts."""

    def __init__(self):
        self.by_action = dict.fromkeys(ACTIONS, 0)
        self.watch_ms = 0
        self.completion_sum = 0.0
        self.completion_plays = 0

    def add(self, action: str, watch_ms: int, completion: float) -> None:
        self.by_action[action] += 1
        if action == "play":
            self.watch_ms += watch_ms
            if completion >= 0:
                self.completion_sum = f32(self.completion_sum + completion)
                self.completion_plays += 1

    def add_all(self, other: "Counts") -> None:
        for action in ACTIONS:
            self.by_action[action] += other.by_action[action]
        self.watch_ms += other.watch_ms
        self.completion_sum = f32(self.completion_sum + other.completion_sum)
        self.completion_plays += other.completion_plays

    def is_empty(self) -> bool:
        return sum(self.by_action.values()) == 0

    @property
    def plays(self) -> int:
        return self.by_action["play"]

    def like_rate(self) -> float:
        return f32(self.by_action["like"] / f32(self.plays + 1))

    def share_rate(self) -> float:
        return f32(self.by_action["share"] / f32(self.plays + 1))

    def skip_rate(self) -> float:
        return f32(self.by_action["skip"] / f32(self.plays + self.by_action["skip"] + 1))

    def completion(self) -> float:
        return 0.0 if self.completion_plays == 0 else f32(self.completion_sum / self.completion_plays)


class WindowedCounts:
    """WindowedCounts: sparse (window index, bucket start) -> Counts, in creation order."""

    def __init__(self):
        self.buckets = []  # [window index, start, Counts]

    def add(self, windows, ts, watermark, action, watch_ms, completion, on_new_expiry) -> None:
        for index, window in enumerate(windows):
            start = window.bucket_start(ts)
            if window.expiry_of(start) <= watermark:
                continue
            bucket = next((b for b in self.buckets if b[0] == index and b[1] == start), None)
            if bucket is None:
                bucket = [index, start, Counts()]
                self.buckets.append(bucket)
                on_new_expiry(window.expiry_of(start))
            bucket[2].add(action, watch_ms, completion)

    def totals(self, windows, now):
        totals = [Counts() for _ in windows]
        for index, start, counts in self.buckets:
            if windows[index].covers(start, now):
                totals[index].add_all(counts)
        return totals

    def prune(self, windows, watermark) -> bool:
        self.buckets = [b for b in self.buckets if windows[b[0]].expiry_of(b[1]) > watermark]
        return bool(self.buckets)


class DecayedWeights:
    """DecayedWeights: bounded key -> weight halving every half-life, kept as of as_of_ts."""

    def __init__(self):
        self.keys, self.weights, self.as_of_ts = [], [], MIN_LONG

    def add(self, key, weight, ts, half_life_ms, max_keys) -> None:
        scaled = f32(self._advance_to(ts, half_life_ms) * weight)
        if key in self.keys:
            index = self.keys.index(key)
            self.weights[index] = f32(self.weights[index] + scaled)
            return
        if len(self.keys) < max_keys:
            self.keys.append(key)
            self.weights.append(scaled)
            return
        weakest = min(range(len(self.weights)), key=lambda i: (abs(self.weights[i]), i))
        if abs(self.weights[weakest]) > abs(scaled):
            return
        self.keys[weakest], self.weights[weakest] = key, scaled

    def scale_at(self, now, half_life_ms) -> float:
        return decay_factor(long_sub(now, self.as_of_ts), half_life_ms)

    def _advance_to(self, ts, half_life_ms) -> float:
        if self.as_of_ts == MIN_LONG:
            self.as_of_ts = ts
            return 1.0
        if ts <= self.as_of_ts:
            return decay_factor(self.as_of_ts - ts, half_life_ms)
        factor = decay_factor(ts - self.as_of_ts, half_life_ms)
        self.weights = [f32(w * factor) for w in self.weights]
        self.as_of_ts = ts
        return 1.0


class EmbeddingProfile:
    """EmbeddingProfile: decayed, engagement-weighted mean of engaged embeddings."""

    def __init__(self):
        self.sum, self.total_weight, self.as_of_ts = [], 0.0, MIN_LONG

    def add(self, embedding, weight, ts, half_life_ms) -> None:
        if weight <= 0 or not embedding:
            return
        if len(self.sum) != len(embedding):
            self.sum, self.total_weight, self.as_of_ts = [0.0] * len(embedding), 0.0, ts
        if self.as_of_ts == MIN_LONG or ts > self.as_of_ts:
            factor = 1.0 if self.as_of_ts == MIN_LONG else decay_factor(ts - self.as_of_ts, half_life_ms)
            self.sum = [f32(s * factor) for s in self.sum]
            self.total_weight = f32(self.total_weight * factor)
            self.as_of_ts = ts
            scale = weight
        else:
            scale = f32(weight * decay_factor(self.as_of_ts - ts, half_life_ms))
        self.sum = [f32(s + f32(scale * e)) for s, e in zip(self.sum, embedding)]
        self.total_weight = f32(self.total_weight + scale)

    def mean(self):
        if self.total_weight <= 0:
            return []
        return [f32(s / self.total_weight) for s in self.sum]


class RecentVideos:
    """RecentVideos: the last `capacity` distinct videos as a ring buffer."""

    def __init__(self):
        self.ring, self.next = [], 0

    def add(self, video_id, capacity) -> None:
        if video_id in self.ring:
            return
        if len(self.ring) < capacity:
            self.ring.append(video_id)
            return
        self.ring[self.next] = video_id
        self.next = (self.next + 1) % len(self.ring)


class EngagementHistory:
    """EngagementHistory: the last `capacity` engagements but impressions, newest first.

    An out-of-order engagement goes to its event time's place, before entries of the same time
    (the later-applied first); one older than every kept entry of a full history is not added.
    """

    def __init__(self):
        self.video_ids, self.actions, self.event_ts = [], [], []

    def add(self, video_id, action, ts, capacity) -> None:
        if action == "impression" or capacity <= 0:
            return
        size = min(len(self.video_ids), capacity)
        at = 0
        while at < size and self.event_ts[at] > ts:
            at += 1
        if at == capacity:
            return
        kept = min(size, capacity - 1)
        self.video_ids = self.video_ids[:at] + [video_id] + self.video_ids[at:kept]
        self.actions = self.actions[:at] + [action_code(action)] + self.actions[at:kept]
        self.event_ts = self.event_ts[:at] + [ts] + self.event_ts[at:kept]

    def at_request(self, request_ts):
        """CandidateRows.history: (ids, action codes, ages in hours) of the entries not later than the request.

        Ages as RequestHistory.ageHours: hours in double, rounded once to float32.
        """
        start = 0
        while start < len(self.event_ts) and self.event_ts[start] > request_ts:
            start += 1
        ages = [f32(max(0, request_ts - ts) / 3_600_000.0) for ts in self.event_ts[start:]]
        return self.video_ids[start:], self.actions[start:], ages


def action_code(action: str) -> int:
    """Action.code(): 1 impression ... 7 skip, in the contract's declaration order (0 is padding)."""
    return ACTIONS.index(action) + 1


class UserProfile:
    """UserProfile.learn."""

    def __init__(self):
        self.tags, self.creators = DecayedWeights(), DecayedWeights()
        self.embedding, self.recent = EmbeddingProfile(), RecentVideos()
        self.engagements = 0

    def learn(self, action, ts, video_id, video, completion, settings) -> None:
        self.engagements += 1
        if action != "impression":
            self.recent.add(video_id, settings.recent_videos)
        weight = settings.weight_of(action, completion)
        if video is None or weight == 0:
            return
        half_life = settings.profile_half_life_ms
        for tag in video["tags"]:
            self.tags.add(tag, weight, ts, half_life, settings.max_tags)
        if video.get("creator_id") is not None:
            self.creators.add(video["creator_id"], weight, ts, half_life, settings.max_creators)
        self.embedding.add(video["embedding"], weight, ts, half_life)


def completion_of(watch_ms: int, duration_ms: int) -> float:
    """watch_ms / duration_ms capped at 1 as Java's float division computes it; -1 when unknown."""
    if duration_ms <= 0:
        return -1.0
    return min(1.0, f32(f32(watch_ms) / f32(duration_ms)))


def vector_norm(vector) -> float:
    """Java sums squares in double, left to right (not Python's sum(), which compensates since 3.12)."""
    total = 0.0
    for v in vector:
        total += v * v
    return f32(math.sqrt(total))
