"""Reading both training-data formats with the standard library, and refusing data made for another spec.

No numpy or torch: runs with CI's plain python3, and is what the job's FeatureLogITCase runs on the
files its file sink wrote.
"""
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TRAIN_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TRAIN_DIR))

from feature_spec import load_feature_spec  # noqa: E402
from training_examples import TrainingDataRefused, read_examples  # noqa: E402

SPEC = load_feature_spec()
OTHER_HASH = hashlib.sha256(b"another spec").hexdigest()
SCRIPT = TRAIN_DIR / "training_examples.py"


def example(request_id, label, spec_hash=SPEC.sha256, features=None, **extra):
    values = features if features is not None else [0.25 * i for i in range(len(SPEC.names))]
    line = {"request_id": request_id, "user_id": "u1", "video_id": "v" + request_id, "trigger": "request",
            "event_ts": 1767225600000, "model_version": "ranker/1", "feature_spec_hash": spec_hash,
            "score": 0.5, "label": label, "features": values}
    line.update(extra)
    return json.dumps(line)


class TrainingExamplesTest(unittest.TestCase):

    def setUp(self):
        self.workspace = tempfile.TemporaryDirectory()
        self.root = Path(self.workspace.name)

    def tearDown(self):
        self.workspace.cleanup()

    def write(self, relative, lines):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n")
        return path

    def test_reads_the_file_sink_directory_and_skips_in_progress_files(self):
        self.write("examples/2026-01-01--10/part-0-0", [example("r1", 1, label_action="play"), example("r2", 0)])
        self.write("examples/2026-01-01--11/part-1-0", [example("r3", 0)])
        self.write("examples/2026-01-01--11/.part-1-1.inprogress.abc", ['{"request_id": "trunc'])
        examples = read_examples(self.root / "examples", SPEC)
        self.assertEqual(["r1", "r2", "r3"], examples.request_ids)
        self.assertEqual([1.0, 0.0, 0.0], examples.labels)
        self.assertEqual([0.25 * i for i in range(len(SPEC.names))], examples.features[0])
        self.assertEqual("feature-log", examples.source_format)

    def test_a_single_json_lines_file_reads_the_same(self):
        lines = [example("r1", 1), example("r2", 0)]
        directory = read_examples(self.write("examples/part-0-0", lines).parent, SPEC)
        single = read_examples(self.write("examples.jsonl", lines), SPEC)
        self.assertEqual((directory.request_ids, directory.labels, directory.features),
                         (single.request_ids, single.labels, single.features))

    def test_a_directory_is_identified_by_its_lines_not_by_its_part_files(self):
        lines = [example("r3", 0), example("r1", 1), example("r2", 0)]
        one_way = read_examples(self.write("a/2026-01-01--10/part-x-0", lines).parent.parent, SPEC)
        self.write("b/2026-01-01--11/part-y-0", lines[2:])
        other_way = read_examples(self.write("b/2026-01-01--12/part-z-0", lines[:2]).parent.parent, SPEC)
        merged = read_examples(self.write("examples.jsonl", sorted(lines)), SPEC)
        self.assertEqual(["r1", "r2", "r3"], one_way.request_ids)
        self.assertEqual((one_way.request_ids, one_way.data_sha256), (other_way.request_ids, other_way.data_sha256))
        self.assertEqual(merged.data_sha256, one_way.data_sha256)

    def test_refuses_examples_written_for_another_feature_spec(self):
        path = self.write("examples/part-0-0", [example("r1", 1), example("r2", 0, spec_hash=OTHER_HASH)])
        with self.assertRaisesRegex(TrainingDataRefused, "was written for feature spec " + OTHER_HASH):
            read_examples(path.parent, SPEC)

    def test_refuses_a_csv_written_for_another_feature_spec(self):
        path = self.root / "training.csv"
        with open(path, "w", newline="") as out:
            out.write(f"# feature_spec_hash={OTHER_HASH}\n")
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["request_id", "user_id", "video_id", "label", *SPEC.names])
            writer.writerow(["r1", "u1", "v1", "1", *([0.5] * len(SPEC.names))])
        with self.assertRaisesRegex(TrainingDataRefused, "was written for feature spec"):
            read_examples(path, SPEC)
        path.write_text(path.read_text().replace(OTHER_HASH, SPEC.sha256))
        self.assertEqual([1.0], read_examples(path, SPEC).labels)

    def test_refuses_malformed_examples(self):
        cases = {
            "feature values": example("r1", 1, features=[0.0, 1.0]),
            "label must be 0 or 1": example("r1", 2),
            "not finite": example("r1", 1, features=[float("nan")] * len(SPEC.names)),
            "not a training example": '{"request_id": "r1"}',
        }
        for message, line in cases.items():
            with self.subTest(message):
                with self.assertRaisesRegex(TrainingDataRefused, message):
                    read_examples(self.write(f"{len(message)}.jsonl", [line]), SPEC)

    def test_refuses_a_directory_without_finished_files(self):
        self.write("examples/bucket/.part-0-0.inprogress.x", [example("r1", 1)])
        with self.assertRaisesRegex(TrainingDataRefused, "no finished part files"):
            read_examples(self.root / "examples", SPEC)

    def test_command_line_summarises_or_refuses_with_exit_code_2(self):
        good = self.write("good/part-0-0", [example("r1", 1), example("r1", 0), example("r2", 0)])
        result = subprocess.run([sys.executable, str(SCRIPT), str(good.parent)], capture_output=True, text=True)
        self.assertEqual(0, result.returncode, result.stderr)
        summary = json.loads(result.stdout)
        self.assertEqual((3, 1, 2, "feature-log"),
                         (summary["rows"], summary["positives"], summary["requests"], summary["format"]))
        bad = self.write("bad/part-0-0", [example("r1", 1, spec_hash=OTHER_HASH)])
        result = subprocess.run([sys.executable, str(SCRIPT), str(bad.parent)], capture_output=True, text=True)
        self.assertEqual(2, result.returncode)
        self.assertIn("was written for feature spec", result.stderr)


if __name__ == "__main__":
    unittest.main()
