"""End-to-end tests of train_ranker.py --model sequence: runs the real script on a tiny seeded
world, then checks the staged contract-v2 files against the shared design."""
import hashlib
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
import onnx

TRAIN_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TRAIN_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from feature_spec import load_feature_spec  # noqa: E402
from onnx_interpreter import run_graph  # noqa: E402
from sequence_synthetic import write_world  # noqa: E402

SCRIPT = TRAIN_DIR / "train_ranker.py"
SPEC = load_feature_spec()
INPUTS = ["features", "candidate_ids", "candidate_request", "history_ids", "history_actions",
          "history_age_hours", "history_mask"]
HEADS = ["engaged", "play", "finish", "like"]


def run_training(world: Path, staging: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--model", "sequence", "--data", str(world / "training.jsonl"),
         "--engagements", str(world / "engagements.jsonl"), "--staging", str(staging), "--version", "1",
         "--epochs", "6", "--pretrain-epochs", "20", "--next-item-negatives", "4", "--protocol-train-points", "1",
         "--history-length", "8", "--embedding-dim", "8", "--learning-rate", "0.01", "--seed", "3", *extra],
        capture_output=True, text=True, timeout=300)


class SequenceRankerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.workspace = tempfile.TemporaryDirectory()
        cls.root = Path(cls.workspace.name)
        cls.world = cls.root / "world"
        write_world(cls.world, SPEC.sha256, SPEC.names, candidates=16)
        cls.training = run_training(cls.world, cls.root / "staging", "--heads", ",".join(HEADS))
        cls.version_dir = cls.root / "staging" / "ranker" / "1"

    @classmethod
    def tearDownClass(cls):
        cls.workspace.cleanup()

    def metadata(self, version_dir=None):
        return json.loads(((version_dir or self.version_dir) / "model.json").read_text())

    def test_stages_contract_v2_files(self):
        self.assertEqual(0, self.training.returncode, self.training.stderr)
        self.assertEqual(["model.json", "model.onnx", "verification.json", "vocabulary.txt"],
                         sorted(p.name for p in self.version_dir.iterdir()))
        meta = self.metadata()
        vocabulary = (self.version_dir / "vocabulary.txt").read_bytes()
        self.assertEqual((2, INPUTS, HEADS, 8), (meta["contract_version"], meta["inputs"], meta["outputs"],
                                                 meta["history_length"]))
        self.assertEqual({"file": "vocabulary.txt", "sha256": hashlib.sha256(vocabulary).hexdigest(),
                          "size": len(vocabulary.decode().splitlines())}, meta["vocabulary"])
        self.assertEqual(["[PAD]", "[UNK]"], vocabulary.decode().splitlines()[:2])
        self.assertEqual({"engaged": 1.0}, meta["objectives"])
        self.assertEqual(hashlib.sha256((self.version_dir / "model.onnx").read_bytes()).hexdigest(),
                         meta["model_sha256"])
        self.assertEqual((SPEC.sha256, list(SPEC.names), 17), (meta["feature_spec_hash"], meta["features"], meta["opset"]))

    def test_graph_signature_matches_the_design(self):
        model = onnx.load(str(self.version_dir / "model.onnx"))
        onnx.checker.check_model(model)
        self.assertEqual(17, model.opset_import[0].version)
        shapes = {v.name: (v.type.tensor_type.elem_type, [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim])
                  for v in list(model.graph.input) + list(model.graph.output)}
        f, i = onnx.TensorProto.FLOAT, onnx.TensorProto.INT64
        self.assertEqual({"features": (f, ["C", len(SPEC.names)]), "candidate_ids": (i, ["C"]),
                          "candidate_request": (i, ["C"]), "history_ids": (i, ["R", 8]), "history_actions": (i, ["R", 8]),
                          "history_age_hours": (f, ["R", 8]), "history_mask": (f, ["R", 8]),
                          **{head: (f, ["C"]) for head in HEADS}}, shapes)
        self.assertLessEqual({n.op_type for n in model.graph.node},
                             {"Gather", "MatMul", "Gemm", "Softmax", "Mul", "Add", "Sub", "Div", "Concat", "Relu",
                              "Sigmoid", "ReduceSum", "Unsqueeze", "Squeeze", "Clip", "Cast", "Floor", "Log",
                              "Constant"})

    def test_verification_sample_reproduces_from_the_graph(self):
        sample = json.loads((self.version_dir / "verification.json").read_text())
        model = onnx.load(str(self.version_dir / "model.onnx"))
        dtypes = {"candidate_ids": np.int64, "candidate_request": np.int64, "history_ids": np.int64,
                  "history_actions": np.int64}
        feeds = {name: np.array(values, dtype=dtypes.get(name, np.float32)) for name, values in sample["inputs"].items()}
        outputs = run_graph(model, feeds)
        for head, scores in zip(HEADS, outputs):
            np.testing.assert_allclose(np.array(sample["outputs"][head]), scores, atol=1e-5)
        # The sample covers a request with an empty history and an unknown video.
        self.assertEqual(1, feeds["candidate_ids"][-1])
        self.assertEqual(0.0, feeds["history_mask"][-1].sum())
        self.assertGreater(feeds["history_mask"][0].sum(), 0.0)
        self.assertTrue(all(0.0 < s < 1.0 for scores in outputs for s in scores))

    def test_history_carries_the_signal(self):
        ablated = run_training(self.world, self.root / "no-history", "--no-history", "--no-ids")
        self.assertEqual(0, ablated.returncode, ablated.stderr)
        without = self.metadata(self.root / "no-history" / "ranker" / "1")
        self.assertEqual(["features"], without["inputs"])
        self.assertGreater(self.metadata()["metrics"]["engaged_ndcg_at_10"],
                           without["metrics"]["engaged_ndcg_at_10"] + 0.1)

    def test_same_seed_gives_identical_model(self):
        again = run_training(self.world, self.root / "again", "--heads", ",".join(HEADS))
        self.assertEqual(0, again.returncode, again.stderr)
        self.assertEqual(self.metadata()["model_sha256"], self.metadata(self.root / "again" / "ranker" / "1")["model_sha256"])

    def test_refuses_heads_the_data_has_no_labels_for(self):
        examples = self.root / "old" / "training.jsonl"
        examples.parent.mkdir()
        lines = [json.loads(line) for line in (self.world / "training.jsonl").read_text().splitlines()]
        examples.write_text("".join(json.dumps({k: v for k, v in line.items() if k not in ("actions", "watch_ms")}) + "\n"
                                    for line in lines))
        (self.root / "old" / "training-requests.jsonl").write_bytes((self.world / "training-requests.jsonl").read_bytes())
        refused = run_training(self.root / "old", self.root / "refused", "--heads", "play,like",
                               "--engagements", str(self.world / "engagements.jsonl"))
        self.assertEqual(2, refused.returncode)
        self.assertIn("need the examples' 'actions'", refused.stderr)


if __name__ == "__main__":
    unittest.main()
