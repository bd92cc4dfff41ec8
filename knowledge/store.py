"""The chromadb store at ``<project>/.samen/chroma``: interview notes and the methodology corpus.

chromadb's default embedding function downloads a model on first use (and fails offline), even when
``embedding_function=None`` is passed. So every collection is opened with ``SamenEmbeddingFunction``,
registered with chromadb so that a reopened collection (in another process, too) rebuilds it from its
stored config instead of falling back to the default. Notes are embedded by us (through the cached
embedder) and handed to chromadb as vectors; only ids not yet stored are embedded and added.

Set ``SAMEN_CHROMA_URL=http://127.0.0.1:8000`` to use a chromadb server (``chroma run``) instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings
from chromadb.utils.embedding_functions import register_embedding_function
from pydantic import BaseModel, ConfigDict, Field

from artefacts.notes import Note
from artefacts.project import EmbeddingSettings
from knowledge.embeddings import Embedder, make_embedder

NOTES = "notes"
METHODOLOGY = "methodology"


@register_embedding_function
class SamenEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb's view of a Samen embedder. Never downloads anything."""

    def __init__(self, embedder: Embedder, settings: dict[str, Any] | None = None) -> None:
        self.embedder = embedder
        self.settings = settings or {"embedder": embedder.name}

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed_documents(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embedder.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "samen"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return dict(self.settings)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> SamenEmbeddingFunction:
        kind = str(config.get("kind", "hashing"))
        settings = EmbeddingSettings(name=kind, model=config.get("model"))  # type: ignore[arg-type]
        cache = config.get("cache_dir")
        return SamenEmbeddingFunction(make_embedder(settings, Path(cache) if cache else None), config)

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        return None


class Passage(BaseModel):
    """One piece of methodology guidance, retrievable by meaning."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str = Field(min_length=1)
    phase: str = Field(description="initiative, concept, test, core-group, strategy, plan or launch.")
    language: str = "nl"
    kind: str = Field(default="guidance", description="guidance, example, checklist…")
    source: str = ""


class Hit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    text: str
    similarity: float
    metadata: dict[str, str | int | float | bool] = Field(default_factory=dict)


def _client(path: Path) -> Any:
    settings = Settings(anonymized_telemetry=False)
    url = os.environ.get("SAMEN_CHROMA_URL")
    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class KnowledgeStore:
    """Notes and methodology passages in chromadb, embedded once by ``embedder``."""

    def __init__(self, path: Path, embedder: Embedder, embedder_config: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.embedder = embedder
        config: dict[str, Any] = {"embedder": embedder.name, "kind": embedder.name.split(":")[0]}
        cache_dir = getattr(embedder, "cache_dir", None)
        if cache_dir is not None:
            config["cache_dir"] = str(cache_dir)
        config.update(embedder_config or {})
        self.function = SamenEmbeddingFunction(embedder, config)
        self.client = _client(self.path)
        # One collection per embedder: vectors of different models never share an index.
        suffix = embedder.name.split(":")[0].replace("-", "_")
        self.notes = self._collection(f"{NOTES}_{suffix}")
        self.methodology = self._collection(f"{METHODOLOGY}_{suffix}")

    def _collection(self, name: str) -> Any:
        return self.client.get_or_create_collection(
            name=name,
            embedding_function=self.function,
            metadata={"embedder": self.embedder.name},
            configuration={"hnsw": {"space": "cosine"}},
        )

    def _existing(self, collection: Any, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            found.update(collection.get(ids=list(ids[start : start + 500]), include=[])["ids"])
        return found

    def add_notes(self, notes: Sequence[Note]) -> np.ndarray:
        """Store notes not stored yet; return the vectors of all ``notes`` in input order."""
        unique = {note.id: note for note in notes}
        stored = self._existing(self.notes, list(unique))
        new = [note for note_id, note in unique.items() if note_id not in stored]
        if new:
            vectors = self.embedder.embed_documents([note.text for note in new])
            for start in range(0, len(new), 1000):
                batch = new[start : start + 1000]
                self.notes.add(
                    ids=[note.id for note in batch],
                    documents=[note.text for note in batch],
                    embeddings=vectors[start : start + len(batch)],
                    metadatas=[_note_metadata(note) for note in batch],
                )
        return self.note_vectors([note.id for note in notes])

    def note_vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors for ``ids``, in that order (KeyError naming a missing id)."""
        found = self.notes.get(ids=list(dict.fromkeys(ids)), include=["embeddings"])
        by_id = dict(zip(found["ids"], found["embeddings"], strict=True))
        missing = [note_id for note_id in ids if note_id not in by_id]
        if missing:
            raise KeyError(f"notes not in the store: {', '.join(missing[:5])}")
        if not ids:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack([np.asarray(by_id[note_id], dtype=np.float32) for note_id in ids])

    def add_passages(self, passages: Sequence[Passage]) -> int:
        """Store methodology passages not stored yet; returns how many were added."""
        existing = self._existing(self.methodology, [p.id for p in passages])
        new = list({p.id: p for p in passages if p.id not in existing}.values())
        if new:
            self.methodology.add(
                ids=[p.id for p in new],
                documents=[p.text for p in new],
                embeddings=self.embedder.embed_documents([p.text for p in new]),
                metadatas=[
                    {"phase": p.phase, "language": p.language, "kind": p.kind, "source": p.source}
                    for p in new
                ],
            )
        return len(new)

    def search_methodology(self, query: str, language: str | None = None, k: int = 5) -> list[Hit]:
        where = {"language": language} if language else None
        return self._query(self.methodology, query, k, where)

    def similar_notes(self, text: str, k: int = 5) -> list[Hit]:
        return self._query(self.notes, text, k, None)

    def _query(self, collection: Any, text: str, k: int, where: dict[str, Any] | None) -> list[Hit]:
        count = collection.count()
        if count == 0:
            return []
        answer = collection.query(
            query_embeddings=[self.embedder.embed_query(text)],
            n_results=min(k, count),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(id=i, text=doc or "", similarity=round(1.0 - float(dist), 6), metadata=dict(meta or {}))
            for i, doc, meta, dist in zip(
                answer["ids"][0],
                answer["documents"][0],
                answer["metadatas"][0],
                answer["distances"][0],
                strict=True,
            )
        ]


def _note_metadata(note: Note) -> dict[str, str | int]:
    return {
        "source": note.provenance.source,
        "line_start": note.provenance.line_start,
        "line_end": note.provenance.line_end,
        "speaker": note.speaker,
        "interview_id": note.interview_id,
        "kind": note.kind,
        "language": note.language,
    }
