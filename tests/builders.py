"""Small builders for artefacts and notes used across tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from artefacts.base import ArtefactMeta
from artefacts.initiative import NeedsMap, NoteEntry
from artefacts.notes import Note, Provenance


def note(
    text: str,
    *,
    speaker: str = "P01",
    source: str = "interviews/a.txt",
    line: int = 1,
    kind: str = "statement",
    interview: str = "a",
    segment: str = "",
) -> Note:
    return Note(
        id=Note.make_id(source, line, text),
        interview_id=interview,
        speaker=speaker,
        text=text,
        kind=kind,  # type: ignore[arg-type]
        provenance=Provenance(source=source, line_start=line, line_end=line),
        metadata={"segment": segment} if segment else {},
    )


def blob_vectors(groups: list[int], dim: int = 32, seed: int = 7, spread: float = 0.05) -> np.ndarray:
    """Unit vectors in well-separated groups: ``groups[i]`` is the group of row i."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(max(groups) + 1, dim))
    rows = np.stack([centres[g] + rng.normal(scale=spread * np.sqrt(dim), size=dim) * 0.1 for g in groups])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def empty_needs_map(language: str = "nl", entries: list[NoteEntry] | None = None) -> NeedsMap:
    return NeedsMap(meta=ArtefactMeta(language=language), needs=[], notes=entries or [], interviews=0)


def on_hashing_embedder(root: Path) -> None:
    """Switch a project (a copied example, a scaffolded one) to the hashing embedder: for tests where the
    needs' quality is not what is measured (no model to load, nothing to wait for)."""
    settings = root / "samen.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "  name: e5" in text, f"{settings}: the project no longer names e5 as its embedder"
    settings.write_text(text.replace("  name: e5", "  name: hashing"), encoding="utf-8")
