"""Reading a reviewer's "revise" note: which concepts, needs and community types it asks to drop or favour.

The note is split into clauses (at . ; ! ? and line ends). Inside a clause, words read left to right set a
mode: "zonder, geen, niet, schrap, minder, drop, without, no, not, remove, less…" → drop; "meer, vooral,
maar, liever, more, instead, rather, but, keep…" → favour; "laat, let" open a new instruction. A mention (a concept id C2, a need id N03, a need's title,
a community type's name in Dutch or English) takes the mode in force; a mention without a mode is
dropped when the clause goes on with "weg, eruit, schrappen, vervallen, out, away" ("laat C2 weg"), and
favoured otherwise. So "Laat C2 weg en leg meer nadruk op N04" drops C2 and favours N04.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.concept.concept_scoring import community_types
from artefacts.initiative import NeedsMap

DROP_BEFORE = {
    "zonder", "geen", "niet", "schrap", "minder", "drop", "without", "no", "not", "remove", "skip",
    "exclude", "less", "nor", "niets",
}  # fmt: skip
FAVOUR = {
    "meer", "vooral", "voorrang", "wel", "maar", "kies", "juist", "liever", "more", "prefer", "instead",
    "rather", "but", "keep", "behoud", "houd", "choose", "favour", "favor",
}  # fmt: skip
DROP_AFTER = {"weg", "eruit", "vervallen", "schrappen", "out", "away", "dropped", "removed", "gone"}
EMPHASIS = {"nadruk", "aandacht", "focus", "emphasis", "attention"}  # favour, unless "minder/less" precedes
RESET = {"laat", "let"}  # "laat C2 weg", "let C2 go": a new instruction starts, its mode still open
_CLAUSE = re.compile(r"[.;!?\n]+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NEED_ID = re.compile(r"\bN\d{2,4}\b")
_CONCEPT_ID = re.compile(r"\bC\d{1,2}\b")


@dataclass
class Revision:
    note: str = ""
    drop_concepts: list[str] = field(default_factory=list)
    favour_concepts: list[str] = field(default_factory=list)
    drop_needs: list[str] = field(default_factory=list)
    favour_needs: list[str] = field(default_factory=list)
    drop_types: list[str] = field(default_factory=list)
    favour_types: list[str] = field(default_factory=list)

    @property
    def mentions_anything(self) -> bool:
        return any(
            (self.drop_concepts, self.favour_concepts, self.drop_needs, self.favour_needs, self.drop_types,
             self.favour_types)
        )  # fmt: skip


def read_revision(note: str, needs_map: NeedsMap) -> Revision:
    revision = Revision(note=note.strip())
    need_ids = {need.id for need in needs_map.needs}
    for clause in _CLAUSE.split(note):
        for kind, value, drop in _clause_mentions(clause, needs_map):
            if kind == "need" and value not in need_ids:
                continue
            target = getattr(revision, f"{'drop' if drop else 'favour'}_{kind}s")
            if value not in target:
                target.append(value)
    for kind in ("concepts", "needs", "types"):
        dropped = getattr(revision, f"drop_{kind}")
        setattr(
            revision, f"favour_{kind}", [v for v in getattr(revision, f"favour_{kind}") if v not in dropped]
        )
    return revision


def _mentions(clause: str, needs_map: NeedsMap) -> list[tuple[int, int, str, str]]:
    found = [(m.start(), m.end(), "need", m.group(0)) for m in _NEED_ID.finditer(clause)]
    found += [(m.start(), m.end(), "concept", m.group(0)) for m in _CONCEPT_ID.finditer(clause)]
    lower = clause.lower()
    for need in needs_map.needs:
        title = need.title.lower().strip()
        if len(title) >= 6 and (at := lower.find(title)) >= 0:
            found.append((at, at + len(title), "need", need.id))
    for language in ("nl", "en"):
        for kind in community_types(language):
            for name in {kind.name.lower(), f"type {kind.id}"}:
                if (at := lower.find(name)) >= 0:
                    found.append((at, at + len(name), "type", kind.id))
    return sorted(found)


def _clause_mentions(clause: str, needs_map: NeedsMap) -> list[tuple[str, str, bool]]:
    mentions = _mentions(clause, needs_map)
    spans = [(start, end) for start, end, _, _ in mentions]
    events: list[tuple[int, str, str]] = [
        (m.start(), "word", m.group(0).lower())
        for m in _WORD.finditer(clause)
        if not any(start <= m.start() < end for start, end in spans)
    ]
    events += [(start, kind, value) for start, _, kind, value in mentions]
    events.sort(key=lambda event: event[0])
    mode: bool | None = None  # True: drop, False: favour
    pending: list[list] = []  # [kind, value, mode]
    previous = ""
    for _, kind, value in events:
        previous, before = (value if kind == "word" else previous), previous
        if kind != "word":
            pending.append([kind, value, mode])
        elif value in DROP_AFTER:
            for item in pending:
                if item[2] is None:
                    item[2] = True
        elif value in RESET:
            mode = None
        elif value in FAVOUR or (value in EMPHASIS and before not in ("minder", "less")):
            mode = False
        elif value in DROP_BEFORE:
            mode = True
    return [(kind, value, bool(drop)) for kind, value, drop in pending]
