"""A content-hash cache in front of any embedder: nothing is embedded twice, across runs.

Vectors live in one SQLite file, ``<cache_dir>/embeddings.sqlite``, keyed by
``sha256(embedder name, kind, text)`` where kind is ``doc`` or ``query`` (e5 embeds the two
differently). Changing the embedder changes its name, so old vectors are never served for a new model.

Vectors are committed batch by batch as the inner embedder computes them, so a run that is killed
part-way through a long embedding keeps what it computed: the rerun embeds only what is missing.

Besides each project's cache (``<project>/.samen/embeddings``) there is one per user, ``user_cache_dir()``
(``$SAMEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/samen``, else ``~/.cache/samen``): texts every project
shares, such as the methodology passages, are embedded there once per machine.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np

from artefacts.crash_points import crash_point
from knowledge.embeddings import Embedder

Progress = Callable[[int, int], None]

CACHE_FILE = "embeddings.sqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vector BLOB NOT NULL)"
)
_CHUNK = 500  # SQLite caps the number of host parameters in one statement
DEFAULT_BATCH = 256  # texts per commit when the inner embedder names no batch size of its own


USER_CACHE_ENV = "SAMEN_CACHE_DIR"


def user_cache_dir() -> Path:
    """The per-user cache folder of Samen (see the module docstring)."""
    explicit = os.environ.get(USER_CACHE_ENV)
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "samen"


def content_key(embedder_name: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{embedder_name}\x00{kind}\x00{text}".encode()).hexdigest()


class CachedEmbedder:
    """Wraps an embedder; asks it only for texts whose vectors are not in the cache yet.

    The missing texts go to the inner embedder in batches of its ``batch_size``; each batch is committed
    before the next is asked for, and ``progress(done, total)`` counts the texts actually embedded.
    """

    def __init__(self, inner: Embedder, cache_dir: Path, progress: Progress | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.progress = progress
        per_round = getattr(inner, "texts_per_round", None) or getattr(inner, "batch_size", DEFAULT_BATCH)
        self.batch_size = max(1, int(per_round or DEFAULT_BATCH))
        self.cache_dir = Path(cache_dir)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.cache_dir / CACHE_FILE
        with self._connect() as db:
            db.execute(_SCHEMA)

    @property
    def dim(self) -> int:
        return self.inner.dim

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            yield db

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._connect() as db:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, dim, vector FROM vectors WHERE key IN ({marks})", chunk)
                for key, dim, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32, count=dim)
        return found

    def _store(self, pairs: list[tuple[str, np.ndarray]]) -> None:
        rows = [
            (key, int(vec.shape[0]), np.ascontiguousarray(vec, dtype=np.float32).tobytes())
            for key, vec in pairs
        ]
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors (key, dim, vector) VALUES (?, ?, ?)", rows)

    def known(self, texts: Sequence[str]) -> int:
        """How many distinct ``texts`` have their vector in the cache already (an earlier run's)."""
        keys = sorted({content_key(self.name, "doc", t) for t in texts})
        return len(self._lookup(keys))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        keys = [content_key(self.name, "doc", t) for t in texts]
        found = self._lookup(sorted(set(keys)))
        missing: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                missing.setdefault(key, text)
        pending = list(missing.items())
        for number, start in enumerate(range(0, len(pending), self.batch_size), start=1):
            batch = pending[start : start + self.batch_size]
            vectors = self.inner.embed_documents([text for _, text in batch])
            fresh = list(zip((key for key, _ in batch), vectors, strict=True))
            self._store(fresh)  # committed: a crash after this point keeps these vectors
            found.update(fresh)
            crash_point(f"embedded-batch-{number}")
            if self.progress is not None:
                self.progress(start + len(batch), len(pending))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([found[key] for key in keys]).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> np.ndarray:
        key = content_key(self.name, "query", text)
        found = self._lookup([key])
        if key in found:
            return found[key]
        vector = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        self._store([(key, vector)])
        return vector


def shared_embedder(embedder: Embedder, cache_dir: Path | None = None) -> CachedEmbedder:
    """``embedder``'s model behind the per-user cache (or ``cache_dir``), for texts all projects share."""
    if isinstance(embedder, CachedEmbedder):
        return CachedEmbedder(embedder.inner, cache_dir or user_cache_dir() / "embeddings", embedder.progress)
    return CachedEmbedder(embedder, cache_dir or user_cache_dir() / "embeddings")
