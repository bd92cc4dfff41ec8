"""An in-memory knowledge store that answers like the real one and records what it was asked.

    knowledge = RecordingRetriever.from_needs_map(needs_map, extra=[stray_note], passages=[...])
    concepts.draft(..., llm=llm, knowledge=knowledge)
    assert knowledge.asked("evidence_for")[0]["claim_text"] == needs_map.needs[0].statement

Notes are ranked by the words they share with what was asked (then by id), so answers are deterministic
and a test can tell which note comes first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from artefacts.initiative import NeedsMap
from knowledge.hits import GuidanceHit, NoteHit

_WORD = re.compile(r"\w{3,}")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def note_hit(note_id: str, text: str, *, source: str = "interviews/extra.txt", line: int = 1) -> NoteHit:
    return NoteHit(
        id=note_id,
        text=text,
        source=source,
        line=line,
        line_end=line,
        speaker="P99",
        interview_id="extra",
        similarity=0.0,
    )


def passage(text: str, *, phase: str = "concept", language: str = "nl", number: int = 1) -> GuidanceHit:
    return GuidanceHit(
        id=f"m-{language}-{number}", text=text, phase=phase, language=language, kind="guidance", source=""
    )


@dataclass
class RecordingRetriever:
    notes: list[NoteHit] = field(default_factory=list)
    passages: list[GuidanceHit] = field(default_factory=list)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def from_needs_map(
        cls,
        needs_map: NeedsMap,
        *,
        extra: Sequence[NoteHit] = (),
        passages: Sequence[GuidanceHit] = (),
    ) -> RecordingRetriever:
        """The map's statements (as the phase-1 flow indexes them) plus ``extra`` notes."""
        hits = [
            note_hit(n.id, n.text, source=n.source, line=n.line_start)
            for n in needs_map.notes
            if n.kind == "statement"
        ]
        return cls(notes=[*hits, *extra], passages=list(passages))

    def asked(self, read: str) -> list[dict[str, Any]]:
        return [arguments for name, arguments in self.calls if name == read]

    def evidence_for(self, claim_text: str, k: int = 5, exclude_ids: Sequence[str] = ()) -> list[NoteHit]:
        self.calls.append(
            ("evidence_for", {"claim_text": claim_text, "k": k, "exclude_ids": list(exclude_ids)})
        )
        return self._ranked(_words(claim_text), k, set(exclude_ids))

    def notes_like(self, note_id: str, k: int = 5) -> list[NoteHit]:
        self.calls.append(("notes_like", {"note_id": note_id, "k": k}))
        target = next(n for n in self.notes if n.id == note_id)
        return self._ranked(_words(target.text), k, {note_id})

    def guidance(
        self, phase: str, k: int = 5, query: str | None = None, language: str | None = None
    ) -> list[GuidanceHit]:
        self.calls.append(("guidance", {"phase": phase, "k": k, "query": query, "language": language}))
        found = [
            p for p in self.passages if p.phase == phase and (language is None or p.language == language)
        ]
        return found[:k]

    def _ranked(self, words: set[str], k: int, exclude: set[str]) -> list[NoteHit]:
        scored = [(len(words & _words(n.text)), n) for n in self.notes if n.id not in exclude]
        ranked = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: (-pair[0], pair[1].id))
        return [n.model_copy(update={"similarity": score / max(len(words), 1)}) for score, n in ranked[:k]]
