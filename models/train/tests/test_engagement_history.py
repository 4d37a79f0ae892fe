"""EngagementHistory in Python keeps the same rules as the Java one (EngagementHistoryTest).

Standard library only. The parity test (PythonFeaturePathTest) holds both sides equal on whole
scenarios; these pin the rules one by one.
"""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from java_state import EngagementHistory, action_code  # noqa: E402


class EngagementHistoryTest(unittest.TestCase):

    def test_keeps_every_action_but_impressions_newest_first(self):
        history = EngagementHistory()
        for video, action, ts in [("v1", "play", 10), ("v2", "impression", 20), ("v2", "skip", 30), ("v1", "like", 40)]:
            history.add(video, action, ts, 5)
        self.assertEqual(history.video_ids, ["v1", "v2", "v1"])
        self.assertEqual(history.actions, [3, 7, 2])
        self.assertEqual(history.event_ts, [40, 30, 10])

    def test_out_of_order_inserts_at_its_time_and_ties_put_the_later_applied_first(self):
        history = EngagementHistory()
        for video, ts in [("a", 100), ("b", 300), ("c", 200), ("d", 200), ("e", 50)]:
            history.add(video, "play", ts, 5)
        self.assertEqual(history.video_ids, ["b", "d", "c", "a", "e"])

    def test_full_drops_the_oldest_and_refuses_one_older_than_all_kept(self):
        history = EngagementHistory()
        for i in range(1, 5):
            history.add(f"v{i}", "play", i * 10, 3)
        self.assertEqual(history.video_ids, ["v4", "v3", "v2"])
        history.add("old", "like", 5, 3)
        self.assertEqual(history.video_ids, ["v4", "v3", "v2"])
        history.add("tie", "like", 20, 3)
        self.assertEqual(history.video_ids, ["v4", "v3", "tie"])
        history.add("none", "like", 99, 0)
        self.assertEqual(history.video_ids, ["v4", "v3", "tie"])

    def test_at_request_leaves_out_later_engagements_and_rounds_ages_to_float32(self):
        history = EngagementHistory()
        history.add("v1", "play", 0, 5)
        history.add("v2", "share", 5_400_000, 5)
        history.add("v3", "like", 9_000_000, 5)
        ids, actions, ages = history.at_request(7_200_000)
        self.assertEqual(ids, ["v2", "v1"])
        self.assertEqual(actions, [action_code("share"), action_code("play")])
        self.assertEqual(ages, [0.5, 2.0])


if __name__ == "__main__":
    unittest.main()
