"""A reviewer's edits to a needs map: rename, merge, split and move notes.

Edits come from CLI commands or from the editable section of the rendered Markdown. They are kept in
``.samen/edits/needs-map.jsonl`` so that the next run can use the reviewed structure as its seed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import Field

from artefacts.base import Strict
from artefacts.errors import InputError, ReviewError
from artefacts.files import append_lines
from artefacts.initiative import NeedsMap
from artefacts.messages import FALLBACK, message
from artefacts.render_markdown import EDIT_END, EDIT_START, UNCLUSTERED_ID
from artefacts.safe_text import md_unescape

EditOp = Literal["rename", "merge", "split", "move"]
_HEADING = re.compile(r"^###\s+(?P<id>\S+)\s+·\s+(?P<title>.+?)\s*$")
_NOTE = re.compile(r"^\s*[-*]\s+\[(?P<id>n-[0-9a-f]+)\]")
_NEW_IDS = ("new", "nieuw")


class NeedsEdit(Strict):
    op: EditOp
    need: str | None = Field(default=None, description="The need edited (rename, split) or merged into.")
    title: str | None = Field(default=None, max_length=90)
    statement: str | None = Field(default=None, max_length=500)
    sources: list[str] = Field(default_factory=list, description="Needs merged into `need`.")
    note_ids: list[str] = Field(default_factory=list, description="Notes split off or moved.")
    to: str | None = Field(default=None, description="Target need of a move; None means unclustered.")
    by: str = Field(min_length=1)
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    base_version: int = Field(ge=1)


class EditLog:
    def __init__(self, path: Path, *, language: str = FALLBACK) -> None:
        self.path = path
        self.language = language

    def append(self, edits: list[NeedsEdit]) -> None:
        append_lines(self.path, [edit.model_dump_json() for edit in edits])

    def all(self) -> list[NeedsEdit]:
        if not self.path.exists():
            return []
        edits = []
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    edits.append(NeedsEdit.model_validate(json.loads(line)))
                except ValueError as exc:
                    raise InputError(
                        message(self.language, "edit_invalid", error=exc), path=self.path, line=number
                    ) from exc
        return edits


@dataclass
class Structure:
    """Which note belongs to which need, and what each need is called."""

    assignment: dict[str, str | None]
    titles: dict[str, str]
    statements: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    language: str = FALLBACK  # the needs map's: what its errors are written in

    @classmethod
    def of(cls, needs_map: NeedsMap) -> Structure:
        assignment: dict[str, str | None] = {note_id: None for note_id in needs_map.unclustered}
        for need in needs_map.needs:
            for note_id in need.note_ids:
                assignment[note_id] = need.id
        return cls(
            assignment=assignment,
            titles={need.id: need.title for need in needs_map.needs},
            statements={need.id: need.statement for need in needs_map.needs},
            origins={need.id: need.origin for need in needs_map.needs},
            language=needs_map.meta.language,
        )

    def next_id(self) -> str:
        numbers = [int(need_id[1:]) for need_id in self.titles if need_id[1:].isdigit()]
        return f"N{(max(numbers, default=0) + 1):02d}"

    def apply(self, edit: NeedsEdit) -> None:
        """Apply one edit; raise ReviewError when it refers to a need or note that does not exist."""
        {"rename": self._rename, "merge": self._merge, "split": self._split, "move": self._move}[edit.op](
            edit
        )
        self._drop_empty()

    def _rename(self, edit: NeedsEdit) -> None:
        need = self._need(edit.need)
        if edit.title:
            self.titles[need] = edit.title
        if edit.statement:
            self.statements[need] = edit.statement
        self.origins[need] = "reviewer"

    def _merge(self, edit: NeedsEdit) -> None:
        target = self._need(edit.need)
        for source in edit.sources:
            self._need(source)
            for note_id, need_id in self.assignment.items():
                if need_id == source:
                    self.assignment[note_id] = target
            self.titles.pop(source)
            self.statements.pop(source, None)
        self.origins[target] = "reviewer"

    def _split(self, edit: NeedsEdit) -> None:
        new_id = self.next_id()
        self.titles[new_id] = edit.title or new_id
        self.origins[new_id] = "reviewer"
        for note_id in edit.note_ids:
            self._note(note_id)
            self._taken_out(note_id)
            self.assignment[note_id] = new_id

    def _move(self, edit: NeedsEdit) -> None:
        if edit.to is not None:
            self._need(edit.to)
            self.origins[edit.to] = "reviewer"
        for note_id in edit.note_ids:
            self._note(note_id)
            self._taken_out(note_id)
            self.assignment[note_id] = edit.to

    def _taken_out(self, note_id: str) -> None:
        """The need a note leaves is one the reviewer shaped: it stays, however few notes are left."""
        source = self.assignment[note_id]
        if source is not None:
            self.origins[source] = "reviewer"

    def _need(self, need_id: str | None) -> str:
        if need_id is None or need_id not in self.titles:
            raise ReviewError(
                message(self.language, "no_such_need", need=need_id),
                hint=message(self.language, "no_such_need_hint", needs=", ".join(sorted(self.titles))),
            )
        return need_id

    def _note(self, note_id: str) -> None:
        if note_id not in self.assignment:
            raise ReviewError(
                message(self.language, "no_such_note", note=note_id),
                hint=message(self.language, "no_such_note_hint"),
            )

    def _drop_empty(self) -> None:
        used = {need_id for need_id in self.assignment.values() if need_id}
        for need_id in [n for n in self.titles if n not in used]:
            self.titles.pop(need_id)
            self.statements.pop(need_id, None)


@dataclass
class _Edited:
    """What the editable section says: where each note stands and what each heading is called."""

    placed: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    new_headings: dict[str, str] = field(default_factory=dict)


def _read_section(text: str, known: Structure, path: Path) -> _Edited:
    if EDIT_START not in text or EDIT_END not in text:
        raise InputError(
            message(known.language, "edit_section_missing"),
            path=path,
            hint=message(known.language, "edit_section_missing_hint", start=EDIT_START, end=EDIT_END),
        )
    offset = text[: text.index(EDIT_START)].count("\n") + 1
    section = text[text.index(EDIT_START) : text.index(EDIT_END)].splitlines()
    edited = _Edited()
    heading: str | None = None
    for number, line in enumerate(section, start=offset):
        if match := _HEADING.match(line):
            heading = match["id"]
            if heading.lower().startswith(_NEW_IDS):
                edited.new_headings[heading] = md_unescape(match["title"])
            elif heading != UNCLUSTERED_ID and heading not in known.titles:
                raise InputError(
                    message(known.language, "edit_unknown_heading", heading=heading),
                    path=path,
                    line=number,
                    hint=message(known.language, "edit_unknown_heading_hint"),
                )
            else:
                edited.titles[heading] = md_unescape(match["title"])  # as rendered by md_text
        elif match := _NOTE.match(line):
            if heading is None:
                raise InputError(message(known.language, "edit_note_before_heading"), path=path, line=number)
            if match["id"] not in known.assignment:
                raise InputError(
                    message(known.language, "edit_unknown_note", note=match["id"]),
                    path=path,
                    line=number,
                    hint=message(known.language, "edit_unknown_note_hint"),
                )
            edited.placed[match["id"]] = None if heading == UNCLUSTERED_ID else heading
    return edited


def edits_from_markdown(
    text: str, current: NeedsMap, *, by: str, base_version: int, path: Path
) -> list[NeedsEdit]:
    """Compare the editable section of a rendered needs map with ``current`` and return the edits.

    A note line that was deleted rather than moved leaves its note where it was.
    """
    before = Structure.of(current)
    edited = _read_section(text, before, path)
    edits = [
        NeedsEdit(op="rename", need=need_id, title=title, by=by, base_version=base_version)
        for need_id, title in edited.titles.items()
        if need_id != UNCLUSTERED_ID and title != before.titles[need_id]
    ]
    for heading_id, title in edited.new_headings.items():
        notes = [note_id for note_id, where in edited.placed.items() if where == heading_id]
        if notes:
            edits.append(
                NeedsEdit(
                    op="split", need=heading_id, title=title, note_ids=notes, by=by, base_version=base_version
                )
            )
    moves: dict[str | None, list[str]] = {}
    for note_id, where in edited.placed.items():
        if where not in edited.new_headings and before.assignment[note_id] != where:
            moves.setdefault(where, []).append(note_id)
    edits += [
        NeedsEdit(op="move", to=target, note_ids=notes, by=by, base_version=base_version)
        for target, notes in moves.items()
    ]
    return edits
