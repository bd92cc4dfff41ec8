"""Spreadsheet-friendly exports of phase 1 artefacts (CSV and JSON rows).

Column names are fixed (they are a contract with whoever reads the file), values are the artefact's own:
JSON is data, verbatim (the encoder escapes it; whoever shows it escapes it for their format), CSV cells
are formula-safe (``artefacts.safe_text.write_csv``).
"""

from __future__ import annotations

import json
from typing import Literal

from artefacts.initiative import Champions, NeedsMap
from artefacts.safe_text import write_csv

NEEDS_COLUMNS = ["note_id", "source", "line", "speaker", "text", "need_id", "need_title", "kind"]
CHAMPION_COLUMNS = ["rank", "participant", "source", "score", "evidence"]


def needs_rows(needs_map: NeedsMap) -> list[dict[str, object]]:
    """One row per note; notes in no need have an empty need."""
    need_of: dict[str, tuple[str, str]] = {}
    for need in needs_map.needs:
        for note_id in need.note_ids:
            need_of[note_id] = (need.id, need.title)
    rows = []
    for note in needs_map.notes:
        need_id, title = need_of.get(note.id, ("", ""))
        rows.append(
            {
                "note_id": note.id,
                "source": note.source,
                "line": note.line_start,
                "speaker": note.speaker,
                "text": note.text,
                "need_id": need_id,
                "need_title": title,
                "kind": note.kind,
            }
        )
    return rows


def champion_rows(champions: Champions) -> list[dict[str, object]]:
    return [
        {
            "rank": c.rank,
            "participant": c.participant,
            "source": c.source,
            "score": c.score,
            "evidence": " | ".join(f"{q.text} ({q.where()})" for q in c.evidence),
        }
        for c in champions.champions
    ]


def serialise(rows: list[dict[str, object]], columns: list[str], fmt: Literal["csv", "json"]) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return write_csv(columns, rows)
