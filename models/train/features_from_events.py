#!/usr/bin/env python3
"""ReelRank's feature path in plain Python: an ordered event sequence in, the job's feature rows out.

    python3 models/train/features_from_events.py models/train/tests/golden/scenario.events.jsonl

This is the training side's reading of the serving code: the video stats operator
(VideoStatsFunction), the catalog broadcast (CatalogUpdate) and the per-user ranker
(UserRankingFunction with FeatureAssembler and FeatureExtractors), driven by models/features.json
(transform, clip, default, half-lives). The golden test runs the same events through the Java operators and
requires the rows to agree to 1e-6, so neither side can change its features alone.

Events file (JSON lines, applied in file order):
  {"type": "settings", ...}                     first line; FeatureStateSettings (history_length
                                                included) + stats interval + mode
  {"type": "video", "record": {videos topic JSON}}          -> catalog broadcast and video stats
  {"type": "engagement", "record": {engagements topic JSON}} -> video stats and the user's ranker
  {"type": "rank_request", "record": {rank-requests JSON}}  -> the user's ranker
  {"type": "watermark", "ts": N}    the video stats operator advances to N first (its stats reach
                                    the rankers' broadcast at once), then the rankers do
Output: one JSON line per (request, surviving candidate):
  {"request_id", "user_id", "video_id", "trigger", "event_ts", "features": [spec order]}
With --requests FILE, also one line per request in FILE, the user's history as the ranker read it
(the feature log's requests, without model_version):
  {"request_id", "user_id", "trigger", "event_ts", "history_video_ids", "history_actions", "history_age_hours"}
Not modelled: processing-time state TTL and in-job refresh candidates (settings refuse refresh).
"""
import argparse
import heapq
import json
import math
import sys
from pathlib import Path

from java_state import (MIN_LONG, DecayedCount, EngagementHistory, UserProfile, Window, WindowedCounts,
                        completion_of, f32, vector_norm)

DEFAULT_SPEC = Path(__file__).resolve().parent.parent / "features.json"
MISSING = float("nan")
PLAYS_HALF_LIFE = "30d"  # VideoStats.PLAYS_HALF_LIFE: the spec's half-life of the video stats' decayed plays


class Settings:
    """FeatureStateSettings plus the stats emit interval and the ranking mode, as the settings line gives them."""

    def __init__(self, line: dict):
        self.windows = [Window(w["name"], w["length_ms"], w["bucket_ms"]) for w in line.get("windows", [
            {"name": "1h", "length_ms": 3_600_000, "bucket_ms": 300_000},
            {"name": "24h", "length_ms": 86_400_000, "bucket_ms": 3_600_000}])]
        self.profile_half_life_ms = line.get("profile_half_life_ms", 6 * 3_600_000)
        self.max_tags = line.get("max_tags", 32)
        self.max_creators = line.get("max_creators", 16)
        self.recent_videos = line.get("recent_videos", 64)
        self.history_length = line.get("history_length", 50)
        self.allowed_lateness_ms = line.get("allowed_lateness_ms", 600_000)
        self.video_stats_interval_ms = line.get("video_stats_interval_ms", 10_000)
        self.event_time_aligned = line.get("event_time_aligned", False)
        weights = {"play": 1.0, "like": 3.0, "comment": 2.0, "share": 4.0, "follow": 3.0, "skip": -1.0}
        weights.update(line.get("action_weights", {}))
        self.action_weights = {action: f32(weight) for action, weight in weights.items()}

    def window_index(self, name: str) -> int:
        for index, window in enumerate(self.windows):
            if window.name == name:
                return index
        raise ValueError(f"no engagement window named '{name}'")

    def weight_of(self, action: str, completion: float) -> float:
        """ActionWeights.weightOf."""
        if action == "impression":
            return 0.0
        if action == "play":
            return f32(self.action_weights["play"] * (completion if completion >= 0 else 0.5))
        return self.action_weights[action]


class UserFeatures:
    """UserFeatures: a user's windowed counts and decayed profile as of one moment."""

    def __init__(self, profile: UserProfile, counts: WindowedCounts, settings: Settings, now: int):
        half_life = settings.profile_half_life_ms
        self.windows = counts.totals(settings.windows, now)
        self.has_history = profile.engagements > 0
        tag_scale = profile.tags.scale_at(now, half_life)
        self.tags = {}
        norm = 0.0
        for key, weight in zip(profile.tags.keys, profile.tags.weights):
            scaled = f32(weight * tag_scale)
            self.tags.setdefault(key, scaled)
            norm += scaled * scaled
        self.tag_norm = f32(math.sqrt(norm))
        creator_scale = profile.creators.scale_at(now, half_life)
        self.creators = {}
        for key, weight in zip(profile.creators.keys, profile.creators.weights):
            self.creators.setdefault(key, f32(weight * creator_scale))
        self.embedding = profile.embedding.mean()
        self.embedding_norm = vector_norm(self.embedding)
        self.recent = set(profile.recent.ring)

    def tag_mass(self, tags) -> float:
        mass = 0.0
        for tag in tags:
            mass = f32(mass + self.tags.get(tag, 0.0))
        return mass

    def tag_cosine(self, tags) -> float:
        if not tags or self.tag_norm == 0:
            return 0.0
        return f32(self.tag_mass(tags) / f32(self.tag_norm * f32(math.sqrt(len(tags)))))

    def embedding_cosine(self, video_embedding) -> float:
        if self.embedding_norm == 0 or len(video_embedding) != len(self.embedding):
            return 0.0
        dot = 0.0
        for mine, theirs in zip(self.embedding, video_embedding):
            dot = f32(dot + f32(mine * theirs))
        video_norm = vector_norm(video_embedding)
        return 0.0 if video_norm == 0 else f32(dot / f32(self.embedding_norm * video_norm))


MAX_AHEAD = 256  # VideoEntry.MAX_AHEAD


def stats_at(entry: dict, now: int):
    """VideoEntry.statsAt: the newest stats version as of now, None when none had been emitted."""
    for version in reversed(entry["ahead"]):
        if version["as_of"] <= now:
            return version
    settled = entry["settled"]
    return settled if settled is not None and settled["as_of"] <= now else None


def extractor(name: str, settings: Settings, half_lives: dict):
    """FeatureExtractors.forName: (user, entry, now) -> raw value, NaN when missing."""
    def user(window, value):
        index = settings.window_index(window)
        return lambda u, e, now: value(u.windows[index])

    def video(window, value):
        index = settings.window_index(window)
        def read(u, e, now):
            stats = stats_at(e, now)
            return MISSING if stats is None else value(stats["windows"][index])
        return read

    def decayed_plays(u, e, now):
        stats = stats_at(e, now)
        return MISSING if stats is None else f32(stats["decayed_plays"].at(now, half_lives[PLAYS_HALF_LIFE]))

    catalog = {
        "tag_cosine": lambda u, e, now: u.tag_cosine(e["video"]["tags"]),
        "embedding_cosine": lambda u, e, now:
            MISSING if not e["video"]["embedding"] else u.embedding_cosine(e["video"]["embedding"]),
        "creator_affinity": lambda u, e, now:
            0.0 if e["video"].get("creator_id") is None else u.creators.get(e["video"]["creator_id"], 0.0),
        "tag_profile_mass": lambda u, e, now: u.tag_mass(e["video"]["tags"]),
        "freshness_hours": lambda u, e, now:
            max(0.0, f32(f32(now - e["video"]["published_ts"]) / f32(3_600_000))),
        "duration_seconds": lambda u, e, now: f32(f32(e["video"]["duration_ms"]) / f32(1000)),
        "user_has_history": lambda u, e, now: 1.0 if u.has_history else 0.0,
        "video_plays_decayed_30d": decayed_plays,
    }
    windowed = {
        "plays_1h": ("1h", lambda c: float(c.plays)), "plays_24h": ("24h", lambda c: float(c.plays)),
        "like_rate_24h": ("24h", lambda c: c.like_rate()), "share_rate_24h": ("24h", lambda c: c.share_rate()),
        "skip_rate_24h": ("24h", lambda c: c.skip_rate()), "completion_24h": ("24h", lambda c: c.completion()),
    }
    if name in catalog:
        return catalog[name]
    if name == "user_watch_minutes_24h":
        return user("24h", lambda c: f32(c.watch_ms / 60_000.0))
    for prefix, make in (("user_", user), ("video_", video)):
        if name.startswith(prefix) and name[len(prefix):] in windowed:
            return make(*windowed[name[len(prefix):]])
    raise ValueError(f"feature '{name}' in the feature spec has no Python implementation")


def transform(definition: dict, raw: float) -> float:
    """FeatureDefinition.apply: NaN -> default, else transform then clip."""
    if math.isnan(raw):
        return f32(definition["default"])
    kind = definition["transform"]
    if kind == "log1p":
        value = f32(math.log1p(max(0.0, raw)))
    elif kind == "signed_log1p":
        value = f32(math.copysign(1.0, raw) * f32(math.log1p(abs(raw)))) if raw != 0 else raw
    elif kind == "identity":
        value = raw
    else:
        raise ValueError(f"feature {definition['name']}: unknown transform '{kind}'")
    low, high = (f32(bound) for bound in definition["clip"])
    return max(low, min(high, value))


class FeaturePath:
    """The video stats operator, the catalog broadcast and the per-user rankers, driven event by event."""

    def __init__(self, spec: dict, settings: Settings):
        for name, length_ms in spec.get("windows", {}).items():
            if settings.windows[settings.window_index(name)].length_ms != length_ms:
                raise ValueError(f"window '{name}' differs between the settings and the feature spec")
        self.settings = settings
        self.plays_half_life_ms = spec["half_lives"][PLAYS_HALF_LIFE]
        self.definitions = spec["features"]
        self.extractors = [extractor(d["name"], settings, spec["half_lives"]) for d in self.definitions]
        # video_id -> {"video": record or None, "settled": version or None, "ahead": [versions]} (VideoEntry);
        # a version is {"as_of", "windows": [Counts], "decayed_plays": DecayedCount}
        self.catalog = {}
        self.videos = {}  # video stats operator state: video_id -> activity dict
        self.video_pending = {}  # event-time aligned: video_id -> engagements held until the watermark
        self.video_timers = []  # heap of (ts, video_id)
        self.video_watermark = MIN_LONG
        self.users = {}  # user_id -> {"profile", "counts", "pending", "timers"}
        self.watermark = MIN_LONG
        self.rows = []
        self.requests = []  # one line per request: the history the ranker reads, as the feature log writes it

    def on_event(self, event: dict) -> None:
        kind = event["type"]
        if kind == "video":
            self._stats_video(event["record"])
            self._broadcast_video(event["record"])
        elif kind == "engagement":
            self._stats_engagement(event["record"])
            self._user_input(event["record"], is_request=False)
        elif kind == "rank_request":
            self._user_input(event["record"], is_request=True)
        elif kind == "watermark":
            self._advance(event["ts"])
        else:
            raise ValueError(f"unknown event type '{kind}'")

    # -- VideoStatsFunction --------------------------------------------------------------------
    def _stats_engagement(self, engagement: dict) -> None:
        ts, watermark = engagement["ts"], self.video_watermark
        if not any(w.expiry_of(w.bucket_start(ts)) > watermark for w in self.settings.windows):
            return
        video_id = engagement["video_id"]
        if self.settings.event_time_aligned and ts > watermark:
            self.video_pending.setdefault(video_id, []).append(engagement)
            heapq.heappush(self.video_timers, (ts, video_id))
            return
        self._stats_apply(engagement, watermark)

    def _stats_apply(self, engagement: dict, watermark: int) -> None:
        ts, video_id = engagement["ts"], engagement["video_id"]
        activity = self.videos.setdefault(video_id, self._new_activity())
        watch_ms = engagement.get("watch_ms") or 0
        activity["counts"].add(self.settings.windows, ts, watermark, engagement["action"], watch_ms,
                               completion_of(watch_ms, activity["duration_ms"]),
                               lambda expiry: heapq.heappush(self.video_timers, (expiry, video_id)))
        if engagement["action"] == "play":
            activity["decayed_plays"] = activity["decayed_plays"].plus(ts, self.plays_half_life_ms)
        if not activity["changed"]:
            activity["changed"] = True
            interval = self.settings.video_stats_interval_ms
            heapq.heappush(self.video_timers, ((max(ts, watermark) // interval + 1) * interval, video_id))

    def _stats_video(self, video: dict) -> None:
        activity = self.videos.get(video["video_id"])
        if video.get("deleted"):
            if activity is not None and not activity["counts"].buckets:
                del self.videos[video["video_id"]]
            elif activity is not None:
                activity["duration_ms"] = 0
            return
        if activity is None:
            activity = self.videos[video["video_id"]] = self._new_activity()
        activity["duration_ms"] = video.get("duration_ms", 0)

    @staticmethod
    def _new_activity() -> dict:
        return {"counts": WindowedCounts(), "duration_ms": 0, "changed": False, "decayed_plays": DecayedCount()}

    def _stats_timer(self, ts: int, video_id: str) -> None:
        if self.settings.event_time_aligned:
            held = self.video_pending.get(video_id, [])
            due = [e for e in held if e["ts"] <= ts]
            if due:
                self.video_pending[video_id] = [e for e in held if e["ts"] > ts]
                for engagement in sorted(due, key=lambda e: e["ts"]):
                    self._stats_apply(engagement, ts)
        activity = self.videos.get(video_id)
        if activity is None:
            return
        before = len(activity["counts"].buckets)
        any_left = activity["counts"].prune(self.settings.windows, ts)
        expired = len(activity["counts"].buckets) != before
        if expired or (activity["changed"] and ts % self.settings.video_stats_interval_ms == 0):
            self._broadcast_stats(video_id, {"as_of": ts, "windows": activity["counts"].totals(self.settings.windows, ts),
                                             "decayed_plays": activity["decayed_plays"]})
            activity["changed"] = False
        if not any_left and activity["duration_ms"] == 0:
            del self.videos[video_id]

    # -- CatalogUpdate.applyTo ------------------------------------------------------------------
    def _broadcast_video(self, video: dict) -> None:
        current = self.catalog.get(video["video_id"])
        if video.get("deleted"):
            self.catalog.pop(video["video_id"], None)
            return
        record = dict(video, tags=list(video.get("tags") or []),
                      embedding=[f32(x) for x in video.get("embedding") or []])
        self.catalog[video["video_id"]] = {"video": record, "settled": None if current is None else current["settled"],
                                           "ahead": [] if current is None else current["ahead"]}

    def _broadcast_stats(self, video_id: str, version: dict) -> None:
        """CatalogUpdate.applyTo with VideoEntry.withStats, at the rankers' watermark."""
        current = self.catalog.get(video_id)
        known = None if current is None else current["video"]
        if known is None and all(counts.is_empty() for counts in version["windows"]):
            self.catalog.pop(video_id, None)
            return
        versions = [] if current is None else ([current["settled"]] if current["settled"] is not None else []) + current["ahead"]
        settled, ahead = None, []
        for candidate in sorted(versions + [version], key=lambda v: v["as_of"]):
            if candidate["as_of"] <= self.watermark:
                settled = candidate
            else:
                ahead.append(candidate)
        if len(ahead) > MAX_AHEAD:  # VideoEntry.thinned: every second one from the newest back
            ahead = ahead[len(ahead) - 1::-2][::-1]
        self.catalog[video_id] = {"video": known, "settled": settled, "ahead": ahead}

    # -- UserRankingFunction --------------------------------------------------------------------
    def _user(self, user_id: str) -> dict:
        return self.users.setdefault(user_id, {"profile": UserProfile(), "counts": None, "history": EngagementHistory(),
                                               "pending": [], "timers": set()})

    def _user_input(self, record: dict, is_request: bool) -> None:
        user = self._user(record["user_id"])
        if not is_request and record["ts"] + self.settings.allowed_lateness_ms < self.watermark:
            return  # dead-lettered as late
        if self.settings.event_time_aligned:
            user["pending"].append((record, is_request))
            user["timers"].add(record["ts"])
            return
        self._apply(record["user_id"], record, is_request, self.watermark)

    def _apply(self, user_id: str, record: dict, is_request: bool, now: int) -> None:
        user = self._user(user_id)
        if not is_request:
            entry = self.catalog.get(record["video_id"])
            video = None if entry is None else entry["video"]
            watch_ms = record.get("watch_ms") or 0
            completion = -1.0 if video is None else completion_of(watch_ms, video.get("duration_ms", 0))
            if user["counts"] is None:
                user["counts"] = WindowedCounts()
            user["counts"].add(self.settings.windows, record["ts"], now, record["action"], watch_ms, completion,
                               user["timers"].add)
            user["profile"].learn(record["action"], record["ts"], record["video_id"], video, completion, self.settings)
            user["history"].add(record["video_id"], record["action"], record["ts"], self.settings.history_length)
            return
        counts = user["counts"] if user["counts"] is not None else WindowedCounts()
        features = UserFeatures(user["profile"], counts, self.settings, record["ts"])
        trigger = "request" if features.has_history else "cold_start"
        ids, actions, ages = user["history"].at_request(record["ts"])
        self.requests.append({"request_id": record["request_id"], "user_id": user_id, "trigger": trigger,
                              "event_ts": record["ts"], "history_video_ids": ids, "history_actions": actions,
                              "history_age_hours": ages})
        for video_id in record.get("candidates") or []:
            entry = self.catalog.get(video_id)
            if entry is None or entry["video"] is None or entry["video"].get("deleted") or video_id in features.recent:
                continue
            row = [transform(d, x(features, entry, record["ts"])) for d, x in zip(self.definitions, self.extractors)]
            self.rows.append({"request_id": record["request_id"], "user_id": user_id, "video_id": video_id,
                              "trigger": trigger, "event_ts": record["ts"], "features": row})

    def _user_timer(self, user_id: str, ts: int) -> None:
        user = self.users[user_id]
        if self.settings.event_time_aligned:
            due = [p for p in user["pending"] if p[0]["ts"] <= ts]
            if due:
                user["pending"] = [p for p in user["pending"] if p[0]["ts"] > ts]
                # At one time, engagements before requests, as UserInput.EVENT_TIME_ORDER.
                for record, is_request in sorted(due, key=lambda p: (p[0]["ts"], p[1])):
                    self._apply(user_id, record, is_request, ts)
        if user["counts"] is not None and not user["counts"].prune(self.settings.windows, ts):
            user["counts"] = None

    def _advance(self, watermark: int) -> None:
        if watermark > self.video_watermark:
            self.video_watermark = watermark
            while self.video_timers and self.video_timers[0][0] <= watermark:
                ts, video_id = heapq.heappop(self.video_timers)
                while self.video_timers and self.video_timers[0] == (ts, video_id):
                    heapq.heappop(self.video_timers)  # one timer per key and time, as in Flink
                self._stats_timer(ts, video_id)
        if watermark > self.watermark:
            self.watermark = watermark
            for user_id, user in self.users.items():
                while user["timers"] and min(user["timers"]) <= watermark:
                    ts = min(user["timers"])
                    user["timers"].discard(ts)
                    self._user_timer(user_id, ts)


def rows_from_events(lines, spec: dict):
    """Feature rows of an event sequence (an iterable of JSON lines, the settings line first)."""
    return path_from_events(lines, spec).rows


def path_from_events(lines, spec: dict) -> FeaturePath:
    """The feature path after an event sequence: its rows and its request lines."""
    events = [json.loads(line) for line in lines if line.strip()]
    if not events or events[0].get("type") != "settings":
        raise ValueError("the first event must be the settings line")
    settings = Settings(events[0])
    if events[0].get("refresh_every", 0):
        raise ValueError("in-job refresh is not modelled; use refresh_every 0")
    path = FeaturePath(spec, settings)
    for event in events[1:]:
        path.on_event(event)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("events", type=Path, help="events JSON lines (settings line first)")
    parser.add_argument("--feature-spec", type=Path, default=DEFAULT_SPEC, help="features.json")
    parser.add_argument("--requests", type=Path,
                        help="also write one line per request here: the user's history as the feature log's requests")
    args = parser.parse_args(argv)
    spec = json.loads(args.feature_spec.read_text(encoding="utf-8"))
    path = path_from_events(args.events.read_text(encoding="utf-8").splitlines(), spec)
    for row in path.rows:
        print(json.dumps(row))
    if args.requests is not None:
        with args.requests.open("w", encoding="utf-8") as out:
            for request in path.requests:
                out.write(json.dumps(request) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
