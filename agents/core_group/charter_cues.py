"""What interviewees said that calls for a house rule or a norm: cue words, and the notes that hold them.

A rule is proposed because notes of the needs map hold its cues (Dutch and English stems, matched at the
start of a word): people who share difficult situations need confidentiality, people who swap material
need a rule about sources, people short of time need short answers to be welcome. The notes found are
the rule's grounds; the needs they sit in are named by title in its ``why``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from artefacts.initiative import NeedsMap

CUES: dict[str, tuple[str, ...]] = {
    "confidential": (
        "vertrouwelijk", "privé", "prive", "moeilijke situatie", "lastige situatie", "lastig gesprek", "incident",
        "conflict", "ruzie", "zorgen", "kwetsbaar", "gevoelig", "schaam", "confidential",
        "private", "difficult situation", "difficult conversation", "sensitive", "vulnerable", "worried",
        "ashamed",
    ),
    "sales": (
        "reclame", "verkooppraat", "spam", "colporte", "sales pitch", "selling to", "self-promotion",
        "plugging",
    ),
    "sharing": (
        "oefenstof", "oefening", "materiaal", "template", "sjabloon", "idee", "delen", "uitwisselen", "tips",
        "material", "exercise", "drills", "ideas", "share", "sharing", "swap", "exchange", "resources",
    ),
    "safety": (
        "sociale veiligheid", "onveilig", "intimidatie", "grensoverschrijdend", "pesten", "agressie",
        "schelden", "unsafe", "harassment", "bullying", "abuse", "aggressive", "safeguarding", "shouting",
    ),
    "newcomer": (
        "beginner", "beginnend", "nieuwkomer", "net begonnen", "onervaren", "starter", "eerste seizoen", "stom", "durf",
        "newcomer", "new to", "inexperienced", "first season", "unsure", "silly question", "afraid to ask",
    ),
    "time": (
        "weinig tijd", "geen tijd", "druk", "tijdgebrek", "avonden", "naast mijn werk", "little time", "no time",
        "busy", "evenings", "on top of my job", "workload",
    ),
}  # fmt: skip
MAX_NOTES = 5


@dataclass(frozen=True)
class CueHits:
    note_ids: list[str]
    need_ids: list[str]
    titles: list[str]
    speakers: int

    def __bool__(self) -> bool:
        return bool(self.note_ids)


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in CUES[kind]) + ")", re.IGNORECASE)


def cue_hits(needs_map: NeedsMap | None, kind: str) -> CueHits:
    """The statements that hold ``kind``'s cues, the needs they sit in, and how many people said them."""
    if needs_map is None:
        return CueHits([], [], [], 0)
    pattern = _pattern(kind)
    notes = [n for n in needs_map.notes if n.kind == "statement" and pattern.search(n.text)]
    notes += [
        n for need in needs_map.needs if pattern.search(f"{need.title} {need.statement}")
        for n in needs_map.notes if n.id in need.note_ids and n not in notes
    ]  # fmt: skip
    ids = {n.id for n in notes}
    needs = [need for need in needs_map.needs if ids & set(need.note_ids)]
    return CueHits(
        note_ids=[n.id for n in notes][:MAX_NOTES],
        need_ids=[need.id for need in needs],
        titles=[need.title for need in needs],
        speakers=len({n.speaker for n in notes}),
    )
