"""A run killed while embedding keeps the vectors it computed: the rerun embeds only what is missing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedding_cache import CachedEmbedder
from knowledge.embeddings import HashingEmbedder

REPO = Path(__file__).resolve().parent.parent


class DiesAfter:
    """A fake embedder (batches of 4) that records what it was asked and fails once it has embedded
    ``limit`` texts: a process killed part-way through a long embedding."""

    name = "dies-after:v1"
    dim = 4
    batch_size = 4

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit
        self.asked: list[list[str]] = []

    def embed_documents(self, texts):
        done = sum(len(batch) for batch in self.asked)
        if self.limit is not None and done + len(texts) > self.limit:
            raise RuntimeError("killed while embedding")
        self.asked.append(list(texts))
        vectors = np.array([[len(t), 1, 0, 0] for t in texts], dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_query(self, text):
        return self.embed_documents([text])[0]


TEXTS = [f"uitspraak nummer {i}" for i in range(10)]


def test_vectors_are_kept_batch_by_batch_so_a_rerun_asks_only_for_the_rest(tmp_path: Path) -> None:
    dying = DiesAfter(limit=9)  # two batches of four go through, the third fails
    with pytest.raises(RuntimeError, match="killed"):
        CachedEmbedder(dying, tmp_path).embed_documents(TEXTS)
    assert [len(batch) for batch in dying.asked] == [4, 4]

    rerun = DiesAfter()
    vectors = CachedEmbedder(rerun, tmp_path).embed_documents(TEXTS)
    assert rerun.asked == [TEXTS[8:]]  # only what the first run did not finish
    assert vectors.shape == (10, 4)
    assert CachedEmbedder(DiesAfter(), tmp_path).known(TEXTS) == 10


def test_progress_counts_the_texts_actually_embedded(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    CachedEmbedder(DiesAfter(), tmp_path).embed_documents(TEXTS[:6])
    CachedEmbedder(DiesAfter(), tmp_path, progress=lambda d, t: seen.append((d, t))).embed_documents(TEXTS)
    assert seen == [(4, 4)]  # six came from the cache; four embedded, in one batch


_KILLED_CHILD = """
import sys
from knowledge.embedding_cache import CachedEmbedder
from knowledge.embeddings import HashingEmbedder
inner = HashingEmbedder(dim=64)
inner.batch_size = 5
CachedEmbedder(inner, sys.argv[1]).embed_documents([f"tekst {i}" for i in range(23)])
print("not killed")
"""


def test_a_process_killed_with_sigkill_after_two_batches_leaves_them_in_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SAMEN_TEST_KILL_AFTER": "embedded-batch-2"}
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_CHILD, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert "not killed" not in done.stdout

    class Counting(HashingEmbedder):
        def __init__(self) -> None:
            super().__init__(dim=64)
            self.asked: list[str] = []

        def embed_documents(self, texts):
            self.asked.extend(texts)
            return super().embed_documents(texts)

    rerun = Counting()
    texts = [f"tekst {i}" for i in range(23)]
    CachedEmbedder(rerun, tmp_path).embed_documents(texts)
    assert rerun.asked == texts[10:]
