"""End-to-end tests of train_ranker.py: runs the real script, then checks what it staged."""
import hashlib
import json
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

TRAIN_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TRAIN_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_ranker  # noqa: E402
from feature_spec import load_feature_spec  # noqa: E402
from ranking_metrics import auc  # noqa: E402
from synthetic_data import csv_as_feature_log, write_training_csv  # noqa: E402
from training_data import read_training_csv, split_masks  # noqa: E402

SCRIPT = TRAIN_DIR / "train_ranker.py"
SPEC = load_feature_spec()


def run_training(data: Path, staging: Path, version: str = "1", *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(data), "--staging", str(staging), "--name", "ranker",
         "--version", version, "--epochs", "8", "--seed", "11", *extra],
        capture_output=True, text=True, timeout=300)


def forward_from_initializers(model: onnx.ModelProto, features: np.ndarray) -> np.ndarray:
    """The MLP written out by hand from the weights, independent of the script's own verifier."""
    weights = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    gemms = [node for node in model.graph.node if node.op_type == "Gemm"]
    activations = features.astype(np.float64)
    for index, gemm in enumerate(gemms):
        activations = activations @ weights[gemm.input[1]].T.astype(np.float64) + weights[gemm.input[2]]
        if index < len(gemms) - 1:
            activations = np.maximum(activations, 0.0)
    return 1.0 / (1.0 + np.exp(-activations))


class TrainRankerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.workspace = tempfile.TemporaryDirectory()
        root = Path(cls.workspace.name)
        cls.data = root / "training.csv"
        cls.rows = write_training_csv(cls.data, SPEC.sha256, SPEC.names)
        cls.staging = root / "staging"
        cls.training = run_training(cls.data, cls.staging, "1")
        cls.version_dir = cls.staging / "ranker" / "1"

    @classmethod
    def tearDownClass(cls):
        cls.workspace.cleanup()

    def test_stages_model_and_metadata(self):
        self.assertEqual(0, self.training.returncode, self.training.stderr)
        self.assertEqual(["model.json", "model.onnx"], sorted(p.name for p in self.version_dir.iterdir()))
        self.assertEqual(["1"], [p.name for p in (self.staging / "ranker").iterdir()])
        self.assertIn(f"publish-model {self.version_dir} --registry", self.training.stdout)
        meta = json.loads((self.version_dir / "model.json").read_text())
        model_bytes = (self.version_dir / "model.onnx").read_bytes()
        self.assertEqual(("ranker", "1", 17), (meta["name"], meta["version"], meta["opset"]))
        self.assertEqual(("features", "score"), (meta["input_name"], meta["output_name"]))
        self.assertEqual(list(SPEC.names), meta["features"])
        self.assertEqual(SPEC.sha256, meta["feature_spec_hash"])
        self.assertEqual(hashlib.sha256(model_bytes).hexdigest(), meta["model_sha256"])
        self.assertEqual(hashlib.sha256(self.data.read_bytes()).hexdigest(), meta["training_data_sha256"])
        self.assertLess(len(model_bytes), 1024 * 1024)
        datetime.strptime(meta["trained_at"], "%Y-%m-%dT%H:%M:%SZ")

    def test_model_learns_the_signal_and_beats_the_baselines(self):
        metrics = json.loads((self.version_dir / "model.json").read_text())["metrics"]
        self.assertGreater(metrics["auc"], 0.7)
        self.assertGreater(metrics["auc"], metrics["popularity_auc"])
        self.assertGreater(metrics["ndcg_at_10"], metrics["popularity_ndcg_at_10"])
        self.assertGreater(metrics["popularity_ndcg_at_10"], metrics["random_ndcg_at_10"])
        self.assertEqual(0.5, metrics["random_auc"])
        self.assertEqual(self.rows, metrics["train_rows"] + metrics["validation_rows"] + metrics["heldout_rows"])
        self.assertIn("popularity", self.training.stdout)

    def test_onnx_takes_raw_feature_rows(self):
        model = onnx.load(str(self.version_dir / "model.onnx"))
        onnx.checker.check_model(model)
        self.assertEqual("features", model.graph.input[0].name)
        self.assertEqual("score", model.graph.output[0].name)
        self.assertTrue(model.graph.input[0].type.tensor_type.shape.dim[0].dim_param)
        self.assertEqual(17, model.opset_import[0].version)
        # Scoring the raw CSV rows must reproduce the recorded held-out AUC: proves the standardisation
        # lives inside the graph and the job needs no preprocessing of its own.
        data = read_training_csv(self.data, SPEC)
        heldout = data.rows(split_masks(data.request_ids, 20, 10)[2])
        scores = forward_from_initializers(model, heldout.features)
        self.assertEqual((len(heldout.labels), 1), scores.shape)
        recorded = json.loads((self.version_dir / "model.json").read_text())["metrics"]["auc"]
        self.assertAlmostEqual(recorded, auc(heldout.labels, scores[:, 0]), places=4)

    def test_same_seed_gives_identical_model(self):
        again = run_training(self.data, Path(self.workspace.name) / "again")
        self.assertEqual(0, again.returncode, again.stderr)
        first = json.loads((self.version_dir / "model.json").read_text())
        second = json.loads((Path(self.workspace.name) / "again" / "ranker" / "1" / "model.json").read_text())
        self.assertEqual(first["model_sha256"], second["model_sha256"])
        self.assertEqual(first["metrics"], second["metrics"])

    def test_refuses_to_overwrite_a_version(self):
        before = (self.version_dir / "model.onnx").read_bytes()
        refused = run_training(self.data, self.staging, "1")
        self.assertEqual(2, refused.returncode)
        self.assertIn("already exists", refused.stderr)
        self.assertEqual(before, (self.version_dir / "model.onnx").read_bytes())


class RefusalTest(unittest.TestCase):

    def setUp(self):
        self.workspace = tempfile.TemporaryDirectory()
        self.root = Path(self.workspace.name)

    def tearDown(self):
        self.workspace.cleanup()

    def assert_refused(self, data: Path, message: str):
        result = run_training(data, self.root / "staging")
        self.assertEqual(2, result.returncode, result.stdout + result.stderr)
        self.assertIn(message, result.stderr)
        self.assertFalse((self.root / "staging" / "ranker" / "1").exists())

    def test_refuses_data_written_for_another_feature_spec(self):
        data = self.root / "old-spec.csv"
        write_training_csv(data, hashlib.sha256(b"another spec").hexdigest(), SPEC.names, requests=40)
        self.assert_refused(data, "was written for feature spec")

    def test_refuses_columns_in_another_order(self):
        swapped = list(SPEC.names)
        swapped[0], swapped[1] = swapped[1], swapped[0]
        data = self.root / "swapped.csv"
        write_training_csv(data, SPEC.sha256, swapped, requests=40)
        self.assert_refused(data, "header does not match the feature spec")

    def test_refuses_a_missing_column(self):
        data = self.root / "missing.csv"
        write_training_csv(data, SPEC.sha256, SPEC.names[:-1], requests=40)
        self.assert_refused(data, "header does not match the feature spec")

    def test_refuses_a_feature_log_written_for_another_feature_spec(self):
        data = self.root / "training.csv"
        write_training_csv(data, SPEC.sha256, SPEC.names, requests=40)
        csv_as_feature_log(data, self.root / "examples", hashlib.sha256(b"another spec").hexdigest())
        self.assert_refused(self.root / "examples", "was written for feature spec")

    def test_trains_on_the_feature_log_directory(self):
        data = self.root / "training.csv"
        write_training_csv(data, SPEC.sha256, SPEC.names, requests=200)
        csv_as_feature_log(data, self.root / "examples", SPEC.sha256)
        result = run_training(self.root / "examples", self.root / "staging")
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        metadata = json.loads((self.root / "staging" / "ranker" / "1" / "model.json").read_text())
        self.assertEqual(SPEC.sha256, metadata["feature_spec_hash"])
        self.assertEqual(2000, metadata["metrics"]["train_rows"] + metadata["metrics"]["validation_rows"]
                         + metadata["metrics"]["heldout_rows"])

    def test_never_writes_into_a_registry(self):
        data = self.root / "training.csv"
        write_training_csv(data, SPEC.sha256, SPEC.names, requests=40)
        result = subprocess.run([sys.executable, str(SCRIPT), "--data", str(data), "--registry",
                                 str(self.root / "registry"), "--version", "1"], capture_output=True, text=True)
        self.assertEqual(2, result.returncode)
        self.assertIn("publish-model <staged version dir> --registry", result.stderr)
        self.assertFalse((self.root / "registry").exists())
        self.assertEqual(Path("target/staging"), train_ranker.parse_args(["--data", "d", "--version", "1"]).staging)

    def test_refuses_a_file_without_the_hash_line(self):
        data = self.root / "no-hash.csv"
        write_training_csv(data, SPEC.sha256, SPEC.names, requests=40)
        data.write_text("\n".join(data.read_text().splitlines()[1:]) + "\n")
        self.assert_refused(data, "first line must be")


if __name__ == "__main__":
    unittest.main()
