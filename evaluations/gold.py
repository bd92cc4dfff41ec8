"""Gold files (``examples/*/gold.yaml``): which statement belongs to which need, who the champions are.

Gold quotes are matched to the notes Samen read by file and verbatim text, so the measurement does
not depend on how the notes were segmented: a quote belongs to the note that holds most of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from artefacts.errors import InputError
from artefacts.notes import Note

SMALLTALK = "smalltalk"
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


@dataclass(frozen=True)
class GoldStatement:
    file: str
    quote: str
    need: str


@dataclass(frozen=True)
class Gold:
    needs: dict[str, str]  # id -> title
    statements: list[GoldStatement]
    champions: list[str]
    decoys: list[str]

    @classmethod
    def load(cls, path: Path) -> Gold:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"cannot read the gold file: {exc}", path=path) from exc
        return cls(
            needs={need["id"]: need.get("title", need["id"]) for need in data["needs"]},
            statements=[GoldStatement(s["file"], s["quote"], s["need"]) for s in data["statements"]],
            champions=list(data.get("champions") or []),
            decoys=list(data.get("decoys") or []),
        )


def match_notes(gold: Gold, notes: list[Note]) -> list[tuple[GoldStatement, Note | None]]:
    """Each gold statement with the note that holds it (None when no note does)."""
    by_source: dict[str, list[tuple[Note, str]]] = {}
    for note in notes:
        by_source.setdefault(note.provenance.source, []).append((note, normalise(note.text)))
    pairs = []
    for statement in gold.statements:
        quote = normalise(statement.quote)
        candidates = by_source.get(statement.file, [])
        found = next((note for note, text in candidates if quote in text), None)
        if found is None:  # split across notes: the note sharing the most words
            words = set(quote.split())
            scored = [
                (len(words & set(text.split())) / max(1, len(words)), note) for note, text in candidates
            ]
            best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            found = best[1] if best[0] >= 0.6 else None
        pairs.append((statement, found))
    return pairs
