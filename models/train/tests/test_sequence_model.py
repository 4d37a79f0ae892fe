"""The sequence model's two attention paths agree, and padding never leaks into a score."""
import sys
import unittest
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sequence_model import ModelShape, SequenceRanker  # noqa: E402


class SequenceModelTest(unittest.TestCase):

    def setUp(self):
        torch.manual_seed(0)
        self.model = SequenceRanker(ModelShape(3, 50, ("engaged",), 8), np.zeros(3), np.ones(3)).eval()
        requests, self.per_request, length = 4, 5, 6
        mask = (torch.rand(requests, length) > 0.4).float()
        mask[2] = 0.0  # a user without history
        self.inputs = [torch.randn(requests * self.per_request, 3), torch.randint(2, 50, (requests * self.per_request,)),
                       torch.arange(requests).repeat_interleave(self.per_request),
                       torch.randint(2, 50, (requests, length)) * mask.long(), torch.randint(2, 8, (requests, length)) * mask.long(),
                       torch.rand(requests, length) * 1000 * mask, mask]

    def test_batched_training_path_matches_the_exported_one(self):
        with torch.no_grad():
            general = self.model.logits(*self.inputs)
            batched = self.model.logits(*self.inputs, per_request=self.per_request)
        np.testing.assert_allclose(general.numpy(), batched.numpy(), atol=1e-6)

    def test_padding_entries_do_not_change_scores(self):
        changed = list(self.inputs)
        padding = self.inputs[6] == 0
        changed[3] = torch.where(padding, torch.full_like(self.inputs[3], 7), self.inputs[3])
        changed[5] = torch.where(padding, torch.full_like(self.inputs[5], 5.0), self.inputs[5])
        with torch.no_grad():
            np.testing.assert_allclose(self.model.logits(*self.inputs).numpy(), self.model.logits(*changed).numpy(),
                                       atol=1e-6)


if __name__ == "__main__":
    unittest.main()
