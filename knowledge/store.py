"""The knowledge store: one project's interview notes and methodology passages in chromadb, and the reads
agents use — evidence for a claim, notes like a note, the guidance for a phase.

Every collection belongs to one project: its name starts with the project's id (``knowledge.project_id``),
so two projects on one chroma server never see each other's notes, whatever a query forgets to filter.
Names also carry the embedder, so vectors of different models never share an index.

Indexing is a sync, not an append: ids are stable hashes of the content, new ids are embedded and added,
ids that are gone are deleted, changed metadata is updated, and a rerun of unchanged notes writes
nothing. Notes are embedded through the project's embedder (with its content-hash cache); methodology
passages through ``passage_embedder``, normally the per-user shared cache, so they are embedded once per
machine, not once per project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from artefacts.notes import Note
from knowledge.chroma import function_for, open_client
from knowledge.embeddings import Embedder
from knowledge.hits import GUIDANCE_PHASES, GuidanceHit, NoteHit, Passage, SyncReport

Metadata = dict[str, str | int | float | bool]
Record = tuple[str, Metadata]  # the document and its metadata
_PAGE = 1000


def collection_name(project_id: str, what: str, embedder_name: str) -> str:
    """``<project id>-<what>-<embedder kind>-<6 hex of the embedder's full name>``."""
    kind = embedder_name.split(":")[0]
    return f"{project_id}-{what}-{kind}-{hashlib.sha256(embedder_name.encode()).hexdigest()[:6]}"


class KnowledgeStore:
    """One project's notes and methodology passages; see the module docstring."""

    def __init__(
        self,
        path: Path,
        embedder: Embedder,
        *,
        project_id: str,
        passage_embedder: Embedder | None = None,
    ) -> None:
        self.path = Path(path)
        self.project_id = project_id
        self.embedder = embedder
        self.passage_embedder = passage_embedder or embedder
        if self.passage_embedder.name != embedder.name:
            raise ValueError("notes and passages must be embedded by the same model")
        self.function = function_for(embedder)
        self.client = open_client(self.path)
        self.notes = self._collection(collection_name(project_id, "notes", embedder.name))
        self.methodology = self._collection(collection_name(project_id, "methodology", embedder.name))

    def _collection(self, name: str) -> Any:
        return self.client.get_or_create_collection(
            name=name,
            embedding_function=self.function,
            metadata={"embedder": self.embedder.name, "project_id": self.project_id},
            configuration={"hnsw": {"space": "cosine"}},
        )

    # -- writing -------------------------------------------------------------------------------
    def sync_notes(self, notes: Sequence[Note]) -> SyncReport:
        """Make the stored notes exactly ``notes`` (by id): add, update, remove; a rerun writes nothing."""
        records = {note.id: (note.text, _note_metadata(note)) for note in notes}
        return _sync(self.notes, records, self.embedder.embed_documents)

    def sync_passages(self, passages: Sequence[Passage]) -> SyncReport:
        """Make the stored methodology exactly ``passages``; their order is kept for ``guidance``."""
        records = {p.id: (p.text, _passage_metadata(p, order)) for order, p in enumerate(passages)}
        return _sync(self.methodology, records, self.passage_embedder.embed_documents)

    # -- reading -------------------------------------------------------------------------------
    def note_vectors(self, ids: Sequence[str]) -> np.ndarray:
        """Stored vectors for ``ids``, in that order (KeyError naming a missing id)."""
        if not ids:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        found = self.notes.get(ids=list(dict.fromkeys(ids)), include=["embeddings"])
        by_id = dict(zip(found["ids"], found["embeddings"], strict=True))
        missing = [note_id for note_id in ids if note_id not in by_id]
        if missing:
            raise KeyError(f"notes not in the store: {', '.join(missing[:5])}")
        return np.vstack([np.asarray(by_id[note_id], dtype=np.float32) for note_id in ids])

    def evidence_for(self, claim_text: str, k: int = 5, exclude_ids: Sequence[str] = ()) -> list[NoteHit]:
        """The ``k`` notes most similar to ``claim_text``, best first, leaving out ``exclude_ids``."""
        vector = self.embedder.embed_query(claim_text)
        return self._similar_notes(vector, k, set(exclude_ids))

    def notes_like(self, note_id: str, k: int = 5) -> list[NoteHit]:
        """The ``k`` notes most similar to the stored note ``note_id`` (not itself), best first."""
        vector = self.note_vectors([note_id])[0]
        return self._similar_notes(vector, k, {note_id})

    def guidance(
        self, phase: str, k: int = 5, query: str | None = None, language: str | None = None
    ) -> list[GuidanceHit]:
        """Methodology passages of ``phase`` (in ``language`` when given): the ``k`` nearest ``query``,
        or without a query the first ``k`` in the guide's own order."""
        if phase not in GUIDANCE_PHASES:
            raise ValueError(f"unknown phase {phase!r}; one of {', '.join(GUIDANCE_PHASES)}")
        where: dict[str, Any] = {"phase": phase}
        if language:
            where = {"$and": [where, {"language": language}]}
        if query is None:
            found = self.methodology.get(where=where, include=["documents", "metadatas"])
            rows = sorted(
                zip(found["ids"], found["documents"], found["metadatas"], strict=True),
                key=lambda row: int(row[2].get("order", 0)),
            )
            return [_guidance_hit(i, doc, meta, None) for i, doc, meta in rows[:k]]
        count = self.methodology.count()
        if count == 0 or k <= 0:
            return []
        answer = self.methodology.query(
            query_embeddings=[self.embedder.embed_query(query)],
            n_results=min(k, count),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [_guidance_hit(i, doc, meta, 1.0 - float(dist)) for i, doc, meta, dist in _first_row(answer)]

    def _similar_notes(self, vector: np.ndarray, k: int, exclude: set[str]) -> list[NoteHit]:
        count = self.notes.count()
        if count == 0 or k <= 0:
            return []
        answer = self.notes.query(
            query_embeddings=[vector],
            n_results=min(k + len(exclude), count),
            include=["documents", "metadatas", "distances"],
        )
        hits = [
            _note_hit(i, doc, meta, 1.0 - float(dist))
            for i, doc, meta, dist in _first_row(answer)
            if i not in exclude
        ]
        return hits[:k]


def _sync(
    collection: Any, records: Mapping[str, Record], embed: Callable[[Sequence[str]], np.ndarray]
) -> SyncReport:
    stored = _stored(collection)
    gone = [i for i in stored if i not in records]
    new = [i for i in records if i not in stored]
    retext = [i for i in records if i in stored and stored[i][0] != records[i][0]]
    remeta = [i for i in records if i in stored and i not in retext and stored[i][1] != records[i][1]]
    for start in range(0, len(gone), _PAGE):
        collection.delete(ids=gone[start : start + _PAGE])
    to_embed = new + retext
    if to_embed:
        vectors = embed([records[i][0] for i in to_embed])
        for start in range(0, len(to_embed), _PAGE):
            batch = to_embed[start : start + _PAGE]
            collection.upsert(
                ids=batch,
                documents=[records[i][0] for i in batch],
                embeddings=vectors[start : start + len(batch)],
                metadatas=[records[i][1] for i in batch],
            )
    for start in range(0, len(remeta), _PAGE):
        batch = remeta[start : start + _PAGE]
        collection.update(ids=batch, metadatas=[records[i][1] for i in batch])
    unchanged = len(records) - len(new) - len(retext) - len(remeta)
    return SyncReport(
        added=len(new), updated=len(retext) + len(remeta), removed=len(gone), unchanged=unchanged
    )


def _stored(collection: Any) -> dict[str, Record]:
    """Every id in ``collection`` with its document and metadata, read a page at a time."""
    stored: dict[str, Record] = {}
    offset = 0
    while True:
        page = collection.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
        for i, doc, meta in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
            stored[i] = (doc or "", dict(meta or {}))
        if len(page["ids"]) < _PAGE:
            return stored
        offset += _PAGE


def _first_row(answer: Mapping[str, Any]) -> list[tuple[str, str, Mapping[str, Any], float]]:
    return list(
        zip(
            answer["ids"][0],
            [doc or "" for doc in answer["documents"][0]],
            [meta or {} for meta in answer["metadatas"][0]],
            answer["distances"][0],
            strict=True,
        )
    )


def _note_metadata(note: Note) -> Metadata:
    return {
        "source": note.provenance.source,
        "line_start": note.provenance.line_start,
        "line_end": note.provenance.line_end,
        "speaker": note.speaker,
        "interview_id": note.interview_id,
        "kind": note.kind,
        "language": note.language,
    }


def _passage_metadata(passage: Passage, order: int) -> Metadata:
    return {
        "phase": passage.phase,
        "language": passage.language,
        "kind": passage.kind,
        "source": passage.source,
        "order": order,
    }


def _note_hit(note_id: str, text: str, meta: Mapping[str, Any], similarity: float) -> NoteHit:
    return NoteHit(
        id=note_id,
        text=text,
        source=str(meta.get("source", "")),
        line=int(meta.get("line_start", 0)),
        line_end=int(meta.get("line_end", 0)),
        speaker=str(meta.get("speaker", "")),
        interview_id=str(meta.get("interview_id", "")),
        similarity=round(similarity, 6),
    )


def _guidance_hit(
    passage_id: str, text: str, meta: Mapping[str, Any], similarity: float | None
) -> GuidanceHit:
    return GuidanceHit(
        id=passage_id,
        text=text,
        phase=str(meta.get("phase", "")),
        language=str(meta.get("language", "")),
        kind=str(meta.get("kind", "")),
        source=str(meta.get("source", "")),
        similarity=None if similarity is None else round(similarity, 6),
    )
