"""The needs board's data: needs as columns with their notes as cards, and the suggestions that make a
reviewer's hour count (:mod:`agents.initiative.review_suggestions`):

- per card, the three needs the note is most like besides its own, as one-click moves;
- the cards least sure of their need first, and a mark on those the reviewer has not looked at yet;
- on request, re-placements of the untouched notes with the reviewer's placements as seeds, offered as
  proposals to accept, never applied unasked.

The vectors are the notes' embeddings as phase 1 stored them in the project's content-hash cache
(``.samen/embeddings``): reading them is one SQLite lookup, nothing is embedded again unless the cache
lacks a text. They are kept per needs-map version for as long as the server runs.

What the reviewer "looked at": every note a reviewer moved or split off (the edit log) and every note
confirmed where it stands with "keep here" (``.samen/web/looked.jsonl``), while it stays where it was put.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from agents.initiative.review_suggestions import Centres, centred, closest_needs, replace_rest, review_order
from artefacts.files import append_lines
from artefacts.initiative import NeedsMap, NoteEntry
from artefacts.store import Workspace
from flows.context import ProjectContext
from flows.review import edit_log

LOOKED_FILE = Path("web") / "looked.jsonl"
CLOSEST = 3
_vectors: dict[tuple[str, int, int], dict[str, np.ndarray]] = {}
_lock = threading.Lock()


@dataclass
class Card:
    note: NoteEntry
    need_id: str | None
    looked: bool
    closest: list[str] = field(default_factory=list)


@dataclass
class Column:
    need_id: str | None  # None: the notes that fit no need (unclustered, off-topic)
    title: str
    statement: str
    voices: int
    cards: list[Card]


@dataclass
class Board:
    version: int
    columns: list[Column]
    titles: dict[str, str]
    not_looked: list[str]  # least sure first
    looked: int
    total: int
    suggestions_error: str = ""


def statement_vectors(ws: Workspace, needs_map: NeedsMap, version: int) -> dict[str, np.ndarray]:
    """The statements' embeddings, centred, by note id (see the module docstring)."""
    path = ws.path(NeedsMap, version)
    key = (str(ws.root.resolve()), version, path.stat().st_mtime_ns)
    with _lock:
        if key in _vectors:
            return _vectors[key]
    statements = [entry for entry in needs_map.notes if entry.kind == "statement"]
    raw = ProjectContext.open(ws.root).embed([entry.text for entry in statements])
    vectors = centred(dict(zip([entry.id for entry in statements], np.asarray(raw), strict=True)))
    with _lock:
        _vectors[key] = vectors
    return vectors


def where_now(needs_map: NeedsMap) -> dict[str, str | None]:
    where: dict[str, str | None] = {note_id: None for note_id in needs_map.unclustered}
    for need in needs_map.needs:
        for note_id in need.note_ids:
            where[note_id] = need.id
    return where


def looked_at(ws: Workspace, needs_map: NeedsMap) -> dict[str, str | None]:
    """The notes a reviewer has placed or confirmed, with where they stand now (see the module docstring)."""
    where = where_now(needs_map)
    placed: dict[str, str | None] = {}
    for edit in edit_log(ws).all():
        if edit.op in ("move", "split"):
            for note_id in edit.note_ids:
                if note_id in where:
                    placed[note_id] = where[note_id]
    path = ws.state_dir / LOOKED_FILE
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash says nothing
            kept = str(record.get("note")) if isinstance(record, dict) else ""
            if kept in where and where[kept] == record.get("need"):
                placed[kept] = where[kept]
    return placed


def keep_here(ws: Workspace, note_id: str, need_id: str | None, *, by: str) -> None:
    """Record that ``by`` looked at the note and keeps it where it stands (no new version: nothing moved)."""
    record = {"note": note_id, "need": need_id, "by": by, "at": datetime.now(UTC).isoformat()}
    append_lines(ws.state_dir / LOOKED_FILE, [json.dumps(record, ensure_ascii=False)])


def build_board(ws: Workspace) -> Board:
    version = ws.latest_version(NeedsMap)
    needs_map = ws.load(NeedsMap, version)
    assert version is not None  # load raised otherwise
    placed = looked_at(ws, needs_map)
    error = ""
    try:
        vectors = statement_vectors(ws, needs_map, version)
    except Exception as exc:  # noqa: BLE001 - the board works without suggestions, and says why
        vectors, error = {}, f"{type(exc).__name__}: {exc}"
    order = review_order(needs_map, vectors, placed) if vectors else []
    rank = {note_id: number for number, note_id in enumerate(order)}
    centres = Centres(needs_map, vectors, placed) if vectors else None

    def card(note_id: str, need_id: str | None) -> Card:
        closest: list[str] = []
        if centres is not None and note_id in vectors:
            found = closest_needs(needs_map, vectors, note_id, k=CLOSEST + 1, placed=placed, centres=centres)
            closest = [s.need_id for s in found if s.need_id != need_id][:CLOSEST]
        return Card(needs_map.note(note_id), need_id, note_id in placed, closest)

    def ordered(note_ids: list[str], need_id: str | None) -> list[Card]:
        cards = [card(note_id, need_id) for note_id in note_ids]
        return sorted(cards, key=lambda c: (c.looked, rank.get(c.note.id, len(rank))))

    columns = [
        Column(need.id, need.title, need.statement, need.voices, ordered(need.note_ids, need.id))
        for need in needs_map.needs
    ]
    columns.append(Column(None, "", "", 0, ordered(list(needs_map.unclustered), None)))
    total = sum(len(need.note_ids) for need in needs_map.needs)
    return Board(
        version=version,
        columns=columns,
        titles={need.id: need.title for need in needs_map.needs},
        not_looked=order,
        looked=sum(1 for note_id, need_id in placed.items() if need_id is not None),
        total=total,
        suggestions_error=error,
    )


def proposals(ws: Workspace) -> list[tuple[NoteEntry, str | None, str]]:
    """Re-placements of the notes the reviewer has not touched: (note, its need now, the need proposed)."""
    version = ws.latest_version(NeedsMap)
    needs_map = ws.load(NeedsMap, version)
    assert version is not None
    placed = looked_at(ws, needs_map)
    if not placed:
        return []
    vectors = statement_vectors(ws, needs_map, version)
    where = where_now(needs_map)
    moves = replace_rest(needs_map, vectors, placed)
    return [(needs_map.note(note_id), where.get(note_id), target) for note_id, target in moves.items()]
