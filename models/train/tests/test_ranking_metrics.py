"""Metrics, spec hash and split checked against values worked out by hand."""
import sys
import unittest
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from feature_spec import spec_hash  # noqa: E402
from ranking_metrics import auc, mean_ndcg_at_k  # noqa: E402
from training_data import split_masks  # noqa: E402


class RankingMetricsTest(unittest.TestCase):

    def test_auc_counts_ties_as_half(self):
        # Pairs (pos, neg): (0.9 > 0.1), (0.9 > 0.5), (0.5 > 0.1), (0.5 = 0.5) -> 3.5 / 4.
        self.assertEqual(0.875, auc(np.array([1, 0, 1, 0]), np.array([0.9, 0.1, 0.5, 0.5])))

    def test_auc_is_undefined_for_one_class(self):
        self.assertIsNone(auc(np.array([1, 1]), np.array([0.2, 0.4])))

    def test_ndcg_averages_requests_and_takes_ties_as_their_expectation(self):
        ids = np.array(["a", "a", "b", "b", "b"], dtype=object)
        labels = np.array([1.0, 0.0, 0.0, 1.0, 0.0])
        scores = np.array([0.9, 0.1, 0.5, 0.5, 0.5])
        # a: perfect -> 1. b: three tied, one positive -> mean discount of positions 1..3.
        expected_b = (1.0 + 1.0 / np.log2(3.0) + 0.5) / 3.0
        self.assertAlmostEqual((1.0 + expected_b) / 2.0, mean_ndcg_at_k(ids, labels, scores), places=12)

    def test_ndcg_ignores_positions_past_k_and_requests_without_positives(self):
        ids = np.array(["a", "a", "a", "b"], dtype=object)
        labels = np.array([0.0, 0.0, 1.0, 0.0])
        scores = np.array([0.9, 0.8, 0.7, 0.5])
        self.assertEqual(0.0, mean_ndcg_at_k(ids, labels, scores, k=2))
        self.assertAlmostEqual(0.5, mean_ndcg_at_k(ids, labels, scores, k=3), places=12)


class SpecHashAndSplitTest(unittest.TestCase):

    def test_spec_hash_ignores_windows_line_endings(self):
        self.assertEqual(spec_hash(b'{\n "a": 1\n}\n'), spec_hash(b'{\r\n "a": 1\r\n}\r\n'))
        self.assertNotEqual(spec_hash(b'{"a": 1}'), spec_hash(b'{"a": 2}'))

    def test_split_keeps_each_request_in_one_part_and_is_stable(self):
        ids = np.array([f"r-{i // 5}" for i in range(5000)], dtype=object)
        train, validation, heldout = split_masks(ids, 20, 10)
        for mask in (train, validation, heldout):
            inside, outside = set(ids[mask]), set(ids[~mask])
            self.assertFalse(inside & outside)
        self.assertTrue(np.all(train.astype(int) + validation + heldout == 1))
        self.assertAlmostEqual(0.2, heldout.mean(), delta=0.04)
        self.assertAlmostEqual(0.1, validation.mean(), delta=0.03)
        again = split_masks(ids[::-1], 20, 10)[2][::-1]
        self.assertTrue(np.array_equal(heldout, again))


if __name__ == "__main__":
    unittest.main()
