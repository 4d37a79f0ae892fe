"""Tests of the embedding step: the protocol's holdout and what the learned embeddings encode."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

EMBEDDINGS_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(EMBEDDINGS_DIR))

from holdout import held_out_pairs, timelines  # noqa: E402


def play(user, video, ts):
    return {"event_id": f"{user}{video}{ts}", "user_id": user, "video_id": video, "action": "play",
            "watch_ms": 1000, "ts": ts}


class HoldoutTest(unittest.TestCase):
    def test_orders_by_first_engagement_with_ties_by_video_id(self):
        events = [play("u", "b", 5), play("u", "c", 10), play("u", "a", 10), play("u", "b", 99)]
        self.assertEqual(timelines(events)["u"], ["b", "a", "c"])

    def test_holds_out_the_test_and_training_positives_but_never_the_first_video(self):
        events = [play("u", f"v{i}", i) for i in range(5)] + [play("w", "x", 1), play("w", "y", 2)]
        self.assertEqual(held_out_pairs(events, 2), {("u", "v4"), ("u", "v3"), ("u", "v2"), ("w", "y")})


class TrainEmbeddingsTest(unittest.TestCase):
    def test_co_engaged_videos_end_up_closer_than_unrelated_ones(self):
        events, ts = [], 0
        for user in range(40):
            group = list(range(0, 6) if user % 2 == 0 else range(6, 12))
            shift = (user // 2) % 6  # every video is some user's early pick, so none is held out everywhere
            for item in group[shift:] + group[:shift]:
                ts += 1
                events.append(play(f"u{user}", f"v{item}", ts))
        videos = [{"video_id": f"v{i}", "creator_id": "c", "tags": [], "duration_ms": 1000,
                   "published_ts": 0, "embedding": [], "deleted": False} for i in range(13)]
        with tempfile.TemporaryDirectory() as tmp:
            data, out = Path(tmp) / "in", Path(tmp) / "out"
            data.mkdir()
            (data / "engagements.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
            (data / "videos.jsonl").write_text("".join(json.dumps(v) + "\n" for v in videos))
            subprocess.run([sys.executable, str(EMBEDDINGS_DIR / "train_embeddings.py"), "--data", str(data),
                            "--out", str(out), "--epochs", "30", "--dim", "8"], check=True, capture_output=True)
            written = {v["video_id"]: v["embedding"]
                       for v in map(json.loads, (out / "videos.jsonl").read_text().splitlines())}
            self.assertEqual((out / "engagements.jsonl").read_text(), (data / "engagements.jsonl").read_text())

        def cosine(a, b):
            return sum(x * y for x, y in zip(written[a], written[b]))  # the step writes unit vectors

        self.assertEqual(written["v12"], [])  # nobody engaged with it
        self.assertEqual(len(written["v0"]), 8)
        same = [cosine("v0", f"v{i}") for i in range(1, 6)]
        other = [cosine("v0", f"v{i}") for i in range(6, 12)]
        self.assertGreater(min(same), max(other))


if __name__ == "__main__":
    unittest.main()
