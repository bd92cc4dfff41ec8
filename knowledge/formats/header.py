"""The header of typed interview notes: "Gesprek met Ton Peeters", "Interviewer: Pieter Bakker",
"Datum: 14 maart 2025" on the first lines, before the first blank line.

Such lines say who was interviewed and by whom; they are metadata, never turns or notes. A header
line is only read as one when its value is a name (for the people) and its key does not come back
later in the file as a speaker label (then "Interviewer: ..." is the first turn of a dialogue).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from knowledge.formats.labels import match_label, normalise_label
from knowledge.lexicons import load

MAX_HEADER_LINES = 8
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][\w'’.-]*$")


@dataclass
class NoteHeader:
    """What the header said, and the indices (into the body) of the lines it took."""

    metadata: dict[str, Any] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)


def read_note_header(body: Sequence[str]) -> NoteHeader:
    """The header of the first lines of ``body`` (the file after any front matter)."""
    header = NoteHeader()
    table = load("transcript_headers")
    seen_text = False
    for index, line in enumerate(body[:MAX_HEADER_LINES]):
        if not line.strip():
            if seen_text:
                break
            continue
        seen_text = True
        found = _header_field(line, table)
        if found is None:
            continue
        key, value = found
        if key in ("interviewer", "participant") and _recurs_as_label(body, index, line):
            continue
        header.metadata.setdefault(key, value)
        header.lines.add(index)
    return header


def _header_field(line: str, table: dict[str, Any]) -> tuple[str, str] | None:
    text = line.strip().strip("#*_ ").strip()
    lowered = text.casefold()
    for phrase in sorted(table["participant_phrases"], key=len, reverse=True):
        if lowered.startswith(phrase + " ") or lowered.startswith(phrase + ":"):
            name = _name_part(text[len(phrase) :].lstrip(" :"))
            return ("participant", name) if name else None
    key, sep, value = text.partition(":")
    if not sep or not value.strip():
        return None
    folded = " ".join(key.casefold().split())
    if folded in table["interviewer_keys"] or folded in table["participant_keys"]:
        name = _name_part(value.strip())
        kind = "interviewer" if folded in table["interviewer_keys"] else "participant"
        return (kind, name) if name else None
    if folded in table["metadata_keys"]:
        return table["metadata_keys"][folded], " ".join(value.split())
    return None


def _name_part(text: str) -> str | None:
    """The name at the start of ``text`` ("Ton Peeters, 14 maart" -> "Ton Peeters"), or None."""
    head = re.split(r"[,;(–—|]| - ", text, maxsplit=1)[0].strip().rstrip(".")
    words = head.split()
    particles = {str(p) for p in load("names")["particles"]}
    if not 1 <= len(words) <= 5 or not _NAME_WORD.match(words[0]):
        return None
    if all(_NAME_WORD.match(w) or w.casefold() in particles for w in words):
        return head
    return None


def _recurs_as_label(body: Sequence[str], index: int, line: str) -> bool:
    found = match_label(line)
    if found is None:
        return False
    label = normalise_label(found.label)
    return any(
        (other := match_label(text)) is not None and normalise_label(other.label) == label
        for text in body[index + 1 :]
    )
