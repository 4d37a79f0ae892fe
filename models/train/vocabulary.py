"""The video vocabulary shared by a sequence model and the job (model contract v2).

vocabulary.txt is UTF-8, one video id per line; line i is index i. Index 0 is padding and 1 stands
for any video the model never saw, so the job maps ids it does not find to 1.
"""
import hashlib
from pathlib import Path
from typing import Dict, Iterable, List

import numpy as np

PAD, UNK = "[PAD]", "[UNK]"
PAD_INDEX, UNK_INDEX = 0, 1


class Vocabulary:
    def __init__(self, video_ids: Iterable[str]):
        self.tokens: List[str] = [PAD, UNK] + sorted(set(video_ids) - {PAD, UNK})
        self._index: Dict[str, int] = {token: index for index, token in enumerate(self.tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def index(self, video_id: str) -> int:
        return self._index.get(video_id, UNK_INDEX)

    def indices(self, video_ids: Iterable[str]) -> np.ndarray:
        return np.array([self.index(video_id) for video_id in video_ids], dtype=np.int64)

    def file_bytes(self) -> bytes:
        return "".join(token + "\n" for token in self.tokens).encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.file_bytes()).hexdigest()

    @staticmethod
    def read(path: Path) -> "Vocabulary":
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        if lines[:2] != [PAD, UNK]:
            raise ValueError(f"{path}: the first two lines must be {PAD} and {UNK}")
        return Vocabulary(lines[2:])
