"""The champions agent: rank interviewees by signs of intrinsic drive to take a role (kartrekkers).

Signals are phrases from ``knowledge/lexicons/drive_signals.yaml``: offers and initiative already taken
count for, refusals, hedges and deflections count against. Repeats of one kind count less each time, so
talking a lot does not make a champion; one refusal outweighs warm words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from agents.initiative.need_profile import quote_of
from agents.initiative.needs_map import note_entry
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Champion, Champions, NeedsMap, Signal
from artefacts.notes import Interview, Note
from knowledge.lexicons import load, phrase_pattern

KINDS = {  # lexicon group name prefix -> signal kind
    "offer": "offer",
    "initiative": "initiative",
    "commitment": "energy",
    "energy": "energy",
    "refusal": "refusal",
    "hedge": "hedge",
    "deflect": "deflection",
    "conditional": "deflection",
}
CANDIDATE_SCORE = 3.0
REASONS: PerLanguage[Mapping[str, str]] = PerLanguage("champions.reasons")

# "Dat geef ik toe" concedes a point: the phrase inside it ("geef ik") is no offer.
CONCESSION = {
    "nl": re.compile(r"\bgeef ik (?:\w+ ){0,2}(?:toe|gelijk)\b", re.IGNORECASE),
    "en": re.compile(r"\bi(?:'ll| will)? (?:admit|grant|give you) (?:that|it)\b", re.IGNORECASE),
}
# "Just not in my own time": whatever the statement offers or reports, it is not one's own initiative.
NOT_OWN_TIME = {
    "nl": re.compile(
        r"\b(?:niet|nooit|geen)\s+(?:\w+\s+){0,2}(?:in|op|uit)\s+(?:mijn|m'n)\s+eigen\b", re.IGNORECASE
    ),
    "en": re.compile(r"\b(?:not|never)\s+(?:\w+\s+){0,2}(?:in|on)\s+my\s+own\b", re.IGNORECASE),
}
# Organising because it is one's job (a caretaker, a coordinator): drive of another kind than a volunteer's.
PAID_ROLE = {
    "nl": re.compile(
        r"\b(?:hoort|valt) (?:gewoon |ook )?(?:bij|onder) (?:mijn|m'n) (?:werk|baan|functie|taken|taak)\b"
        r"|\b(?:dat|het) is (?:gewoon |ook )?(?:mijn|m'n) (?:werk|baan|functie|taak)\b"
        r"|\bdaar(?:voor)? (?:word|ben) ik (?:voor )?(?:betaald|aangenomen|in dienst)\b"
        r"|\b(?:vanuit|in) (?:mijn|m'n) functie\b|\bik ben (?:hier )?in dienst\b"
        r"|\bals (?:de |onze )?(?:conciërge|beheerder|huismeester|opbouwwerker|buurtwerker|wijkconsulent)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:part of|comes with) (?:my|the) (?:job|role|post)\b|\bit'?s (?:just )?my job\b"
        r"|\bi(?:'m| am) paid to\b|\bas (?:the|a|an) (?:\w+ ){0,2}(?:coordinator|caretaker|officer|manager|"
        r"warden|worker|member of staff)\b|\bin my (?:job|role) as\b",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class SignalKind:
    kind: str
    weight: float
    phrases: tuple[str, ...]


def signal_kinds(language: str) -> list[SignalKind]:
    table = load("drive_signals")
    groups = table.get("groups", table)
    if isinstance(groups, list):
        groups = {group["id"]: group for group in groups}
    kinds = []
    for name, group in groups.items():
        kind = next((k for prefix, k in KINDS.items() if str(name).startswith(prefix)), None)
        if kind is None or not isinstance(group, dict):
            continue
        phrases = tuple(group.get(language) or group.get("en") or ())
        kinds.append(SignalKind(kind=kind, weight=float(group["weight"]), phrases=phrases))
    return kinds


ROLE_GATED = ("hedge",)  # kinds that count only when the talk is about taking a role


def find_signals(note: Note, kinds: list[SignalKind]) -> list[Signal]:
    """The drive signals in one statement.

    A hedge ("misschien", "ooit") counts only in role talk: when the interviewer asked about a role or
    the statement itself speaks of one. "Niemand heeft ze ooit laten zien hoe dat moet" is about a
    need, not a hedge about taking part.
    """
    text = note.text.translate(_APOSTROPHES)
    found = []
    for kind in kinds:
        if kind.kind in ROLE_GATED and not role_talk(note):
            continue
        match = phrase_pattern(kind.phrases).search(text)
        if match:
            found.append(Signal(kind=kind.kind, phrase=match.group(0), note_id=note.id, weight=kind.weight))  # type: ignore[arg-type]
    seen = {signal.kind for signal in found}
    found += [s for s in organising_signals(note, note.language) if s.kind not in seen]
    return [signal for signal in found if not _false_drive(signal, text, note.language)]


def _false_drive(signal: Signal, text: str, language: str) -> bool:
    """An offer or initiative inside a concession ("Dat geef ik toe") or said not to be in one's own time."""
    if signal.kind not in ("offer", "initiative"):
        return False
    if NOT_OWN_TIME.get(language, NOT_OWN_TIME["en"]).search(text):
        return True
    start = text.lower().find(signal.phrase.lower())
    end = start + len(signal.phrase)
    pattern = CONCESSION.get(language, CONCESSION["en"])
    return start >= 0 and any(m.start() < end and start < m.end() for m in pattern.finditer(text))


def paid_role(notes: list[Note], language: str) -> str | None:
    """The phrase by which someone says they organise because it is their job, if they do."""
    pattern = PAID_ROLE.get(language, PAID_ROLE["en"])
    for note in notes:
        match = pattern.search(note.text.translate(_APOSTROPHES))
        if match:
            return match.group(0)
    return None


def role_talk(note: Note) -> bool:
    """Whether a statement, or the question that prompted it, is about taking a role."""
    table = load("drive_signals")["role_talk"]
    words = tuple(table.get(note.language) or table["en"])
    pattern = phrase_pattern(words)
    return bool(
        pattern.search(note.text.translate(_APOSTROPHES))
        or pattern.search(note.context.translate(_APOSTROPHES))
    )


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_SENTENCES = re.compile(r"[^.!?]+[.!?]*")
_CLAUSES = re.compile(r"[;:,]|\b(?:maar|but|alleen|only)\b", re.IGNORECASE)


def organising_signals(note: Note, language: str) -> list[Signal]:
    """A first-person clause with an organising verb, not negated: an offer, or initiative already taken.

    Catches what fixed phrases miss ("als jullie een zaaltje regelen, dan zorg ik voor de rest", "ik heb
    vorig jaar zelf een groepje opgezet"); counts once per note, lower than an explicit phrase.
    """
    table = load("drive_signals")["organising"]
    lang = language if language in table["offer"] else "en"
    person = set(table["first_person"][lang])
    negations = set(table["negations"][lang])
    text = note.text.translate(_APOSTROPHES).lower()
    perfect = phrase_pattern(tuple(table["perfect"][lang]))
    volition = set(table["volition"][lang])
    for kind, key in (("initiative", "initiative"), ("offer", "offer")):
        pattern = phrase_pattern(tuple(table[key][lang]))
        asserted = [sentence for sentence in _SENTENCES.findall(text) if not sentence.rstrip().endswith("?")]
        for clause in (c for sentence in asserted for c in _CLAUSES.split(sentence)):
            words = set(re.findall(r"[\w']+", clause))
            if not words & person or words & negations:
                continue
            if kind == "initiative" and not perfect.search(clause):
                continue
            match = pattern.search(clause)
            if match:
                willed = kind == "offer" and bool(words & volition)
                weight = float(table["volition"]["weight"] if willed else table["weight"])
                return [Signal(kind=kind, phrase=match.group(0), note_id=note.id, weight=weight)]  # type: ignore[arg-type]
    return []


def score(signals: list[Signal]) -> float:
    """Sum of weights, each further signal of the same kind counting half the one before."""
    seen: dict[str, int] = defaultdict(int)
    total = 0.0
    for signal in signals:
        total += signal.weight * (0.5 ** seen[signal.kind])
        seen[signal.kind] += 1
    return round(total, 2)


def draft(
    interviews: list[Interview], notes: list[Note], needs_map: NeedsMap | None, language: str
) -> Champions:
    kinds = signal_kinds(language)
    voiced: dict[str, list[str]] = defaultdict(list)
    if needs_map is not None:
        for need in needs_map.needs:
            for speaker in need.voiced_by:
                voiced[speaker].append(need.id)
    rows = []
    staff: set[str] = set()
    for interview in interviews:
        for person in interview.participants or [interview.participant]:
            own = [
                n
                for n in notes
                if n.interview_id == interview.id and n.speaker == person and n.kind == "statement"
            ]
            signals = [signal for note in own for signal in find_signals(note, kinds)]
            total = score(signals)
            positive = any(s.weight > 0 and s.kind in ("offer", "initiative") for s in signals)
            duty = paid_role(own, language) if positive else None
            evidence_ids = [s.note_id for s in sorted(signals, key=lambda s: -abs(s.weight))]
            by_id = {n.id: n for n in own}
            evidence = [quote_of(note_entry(by_id[i])) for i in dict.fromkeys(evidence_ids)][:4]
            rows.append(
                Champion(
                    rank=1,
                    participant=person,
                    source=interview.source,
                    segment=interview.metadata.get("segment", ""),
                    score=total,
                    candidate=positive and total >= CANDIDATE_SCORE,
                    signals=signals,
                    evidence=evidence,
                    reason=_reason(signals, language, duty),
                    needs=voiced.get(person, []),
                )
            )
            if duty:
                staff.add(person)
    # Volunteers with drive first, then staff who organise as part of their job, then everyone else.
    rows.sort(key=lambda c: (_tier(c, staff), -c.score, c.source, c.participant))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return Champions(meta=ArtefactMeta(language=language), champions=rows)


def _tier(champion: Champion, staff: set[str]) -> int:
    if not champion.candidate:
        return 2
    return 1 if champion.participant in staff else 0


def _reason(signals: list[Signal], language: str, duty: str | None = None) -> str:
    words = REASONS.get(language, REASONS["en"])
    if not signals:
        return words["none"].capitalize() + "."
    counts: dict[str, int] = defaultdict(int)
    for signal in signals:
        counts[signal.kind] += 1
    parts = [f"{words[kind]} ({count}×)" for kind, count in counts.items()]
    text = words["join"].join(parts)
    text = text[:1].upper() + text[1:] + "."
    if duty:
        text += " " + words["paid_role"].format(phrase=duty)
    return text
