import unittest

from sequence_trainer import parse_objectives
from training_data import TrainingDataRefused


class ObjectivesTest(unittest.TestCase):
    def test_default_is_the_first_head_alone(self):
        self.assertEqual(parse_objectives(None, ("play", "like")), {"play": 1.0})

    def test_pairs_over_trained_heads(self):
        self.assertEqual(parse_objectives("play:1.0, like:0.3", ("play", "finish", "like")),
                         {"play": 1.0, "like": 0.3})

    def test_unknown_head_or_missing_weight_is_refused(self):
        for text in ("share:1.0", "play", "play:"):
            with self.assertRaises(TrainingDataRefused):
                parse_objectives(text, ("play", "like"))


if __name__ == "__main__":
    unittest.main()
