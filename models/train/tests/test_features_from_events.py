"""The Python feature path reproduces the golden rows that the Java operators produced (to 1e-6).

Standard library only: runs with CI's plain python3. The Java side checks the same file
(GoldenScenarioTest) and runs this script against its own rows (PythonFeaturePathTest).
"""
import json
import math
import sys
import unittest
from pathlib import Path

TRAIN_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TRAIN_DIR))

from feature_spec import DEFAULT_SPEC_PATH, load_feature_spec  # noqa: E402
from features_from_events import rows_from_events  # noqa: E402
from java_state import f32  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden"
TOLERANCE = 1e-6


def golden():
    lines = (GOLDEN / "scenario.rows.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:] if line.strip()]


def python_rows(event_lines):
    return rows_from_events(event_lines, json.loads(DEFAULT_SPEC_PATH.read_text(encoding="utf-8")))


class FeaturesFromEventsTest(unittest.TestCase):

    def setUp(self):
        self.events = (GOLDEN / "scenario.events.jsonl").read_text(encoding="utf-8").splitlines()
        self.header, self.expected = golden()

    def test_golden_rows_belong_to_this_feature_spec(self):
        spec = load_feature_spec()
        self.assertEqual(self.header["feature_spec_hash"], spec.sha256,
                         "features.json changed since the golden rows were made: " + self.header["regenerate"])
        self.assertEqual(tuple(self.header["features"]), spec.names)

    def test_python_rows_equal_the_golden_java_rows(self):
        actual = {(r["request_id"], r["video_id"]): r for r in python_rows(self.events)}
        self.assertEqual(sorted(actual), sorted((r["request_id"], r["video_id"]) for r in self.expected))
        for want in self.expected:
            got = actual[(want["request_id"], want["video_id"])]
            self.assertEqual((got["user_id"], got["trigger"], got["event_ts"]),
                             (want["user_id"], want["trigger"], want["event_ts"]))
            for name, a, b in zip(self.header["features"], want["features"], got["features"]):
                self.assertLessEqual(abs(a - b), TOLERANCE, f"{want['request_id']}/{want['video_id']} {name}: {a} vs {b}")

    def test_a_changed_event_changes_the_rows(self):
        # Negative control: the comparison above would notice a feature path that ignores events.
        changed = [line.replace('"action":"share"', '"action":"skip"') for line in self.events]
        self.assertNotEqual(changed, self.events)
        before = {(r["request_id"], r["video_id"]): r["features"] for r in python_rows(self.events)}
        after = {(r["request_id"], r["video_id"]): r["features"] for r in python_rows(changed)}
        self.assertNotEqual(before, after)

    def test_rows_are_float32_values(self):
        for row in python_rows(self.events):
            self.assertEqual(row["features"], [f32(value) for value in row["features"]])

    def test_decayed_plays_halve_every_half_life_up_to_the_request(self):
        day, t0 = 86_400_000, 1_767_225_600_000
        video = {"video_id": "v1", "tags": ["food"], "duration_ms": 10_000, "published_ts": t0 - day,
                 "embedding": [], "deleted": False, "creator_id": "c1"}

        def play(event_id, ts):
            return {"type": "engagement", "record": {"event_id": event_id, "user_id": "u2", "video_id": "v1",
                                                      "action": "play", "watch_ms": 5_000, "ts": ts}}
        events = [{"type": "settings", "video_stats_interval_ms": 60_000}, {"type": "video", "record": video},
                  play("e1", t0), {"type": "watermark", "ts": t0 + 60_000},
                  play("e2", t0 + 30 * day), {"type": "watermark", "ts": t0 + 30 * day + 60_000},
                  {"type": "rank_request", "record": {"request_id": "r1", "user_id": "u1", "candidates": ["v1"],
                                                      "ts": t0 + 60 * day}}]
        spec = load_feature_spec()
        [row] = python_rows([json.dumps(e) for e in events])
        value = row["features"][spec.names.index("video_plays_decayed_30d")]
        # (1 * 0.5 + 1) as of the second play, halved again by the request 30 days later.
        self.assertEqual(value, f32(math.log1p(0.75)))
        self.assertEqual(row["features"][spec.names.index("video_plays_24h")], 0.0, "the windows are long empty")

    def test_refresh_is_refused_rather_than_silently_ignored(self):
        settings = json.loads(self.events[0])
        settings["refresh_every"] = 3
        with self.assertRaises(ValueError):
            python_rows([json.dumps(settings)] + self.events[1:])


if __name__ == "__main__":
    unittest.main()
