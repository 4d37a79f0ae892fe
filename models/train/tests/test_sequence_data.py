"""Histories, vocabulary, head labels and HR@k: the pieces the sequence model's inputs are made of."""
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from head_labels import HeadLabelsRefused, head_labels  # noqa: E402
from ranking_metrics import hit_rate_at_k  # noqa: E402
from sequence_data import EngagementHistories, HistoryTensors  # noqa: E402
from vocabulary import Vocabulary  # noqa: E402

HOUR = 3_600_000


def engagement(user, video, action, ts):
    return {"user_id": user, "video_id": video, "action": action, "ts": ts}


class EngagementHistoriesTest(unittest.TestCase):

    def setUp(self):
        self.histories = EngagementHistories([
            engagement("u", "a", "play", 10 * HOUR), engagement("u", "a", "like", 10 * HOUR),
            engagement("u", "b", "impression", 11 * HOUR), engagement("u", "c", "skip", 9 * HOUR),
            engagement("u", "d", "play", 12 * HOUR), engagement("w", "x", "play", 1 * HOUR)])

    def test_newest_first_at_or_before_the_request_without_impressions(self):
        history = self.histories.at("u", 11 * HOUR, 50)
        # Same ts: the later one in the input (the like) comes first.
        self.assertEqual(("a", "a", "c"), history.video_ids)
        self.assertEqual((3, 2, 7), history.actions)
        self.assertEqual((1.0, 1.0, 2.0), history.age_hours)

    def test_keeps_the_newest_n_and_includes_the_request_time(self):
        self.assertEqual(("d", "a"), self.histories.at("u", 12 * HOUR, 2).video_ids)
        self.assertEqual((), self.histories.at("u", 9 * HOUR - 1, 50).video_ids)
        self.assertEqual((), self.histories.at("nobody", 12 * HOUR, 50).video_ids)

    def test_tensors_pad_after_the_entries_and_map_unknown_videos(self):
        vocabulary = Vocabulary(["a", "d"])
        tensors = HistoryTensors.of([self.histories.at("u", 12 * HOUR, 50), self.histories.at("w", 0, 50)],
                                    vocabulary, 5)
        self.assertEqual([[vocabulary.index("d"), vocabulary.index("a"), vocabulary.index("a"), 1, 0], [0] * 5],
                         tensors.ids.tolist())
        self.assertEqual([[2, 3, 2, 7, 0], [0] * 5], tensors.actions.tolist())
        self.assertEqual([[1, 1, 1, 1, 0], [0] * 5], tensors.mask.tolist())
        self.assertEqual([0.0, 2.0, 2.0, 3.0, 0.0], tensors.age_hours[0].tolist())


class VocabularyTest(unittest.TestCase):

    def test_padding_and_unknown_come_first_and_the_file_reads_back(self):
        vocabulary = Vocabulary(["m2", "m10", "m2"])
        self.assertEqual(["[PAD]", "[UNK]", "m10", "m2"], vocabulary.tokens)
        self.assertEqual(1, vocabulary.index("never seen"))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "vocabulary.txt"
            path.write_bytes(vocabulary.file_bytes())
            self.assertEqual(vocabulary.tokens, Vocabulary.read(path).tokens)
            self.assertEqual("[PAD]\n[UNK]\nm10\nm2\n", path.read_text(encoding="utf-8"))


class HeadLabelsTest(unittest.TestCase):

    def test_heads_from_actions_and_watch_time(self):
        duration = np.log1p(np.array([100.0, 100.0, 100.0]))  # seconds, as the job's column holds it
        labels = head_labels(("engaged", "play", "finish", "like"), [1, 1, 0],
                             [("like", "play"), ("skip",), ()], [95_000, 10_000, 0], duration)
        self.assertEqual([[1, 1, 1, 1], [1, 0, 0, 0], [0, 0, 0, 0]], labels.tolist())

    def test_refuses_heads_that_need_actions_the_data_lacks(self):
        with self.assertRaises(HeadLabelsRefused):
            head_labels(("play",), [1], [None], [0], np.zeros(1))
        self.assertEqual([[1.0]], head_labels(("engaged",), [1], [None], [0], np.zeros(1)).tolist())


class HitRateTest(unittest.TestCase):

    def test_ties_count_as_their_expectation(self):
        requests = np.array(["a"] * 12 + ["b"] * 12)
        labels = np.array([1] + [0] * 11 + [1] + [0] * 11)
        first = np.r_[5.0, np.full(11, 1.0)]  # positive on top
        second = np.r_[np.zeros(1), np.full(9, 1.0), np.zeros(2)]  # 9 above, tied with 2 others at 10-12
        self.assertAlmostEqual((1.0 + 1.0 / 3.0) / 2.0, hit_rate_at_k(requests, labels, np.r_[first, second]))
        self.assertIsNone(hit_rate_at_k(np.array(["a"]), np.array([0]), np.array([1.0])))


if __name__ == "__main__":
    unittest.main()
