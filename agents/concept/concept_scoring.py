"""The rules behind the deterministic concepts: which community types the needs call for.

1. Each need of the needs map is matched to the typical community needs of
   ``knowledge/lexicons/community_needs.yaml`` (in the project language). The match counts the words the
   need's title, statement and keywords share with the library need's title, description and phrases
   (two words match when their first five letters agree; a word found in many library needs counts
   less: 1/number of library needs that use it), plus one for each of the need's notes in which a phrase
   of the library need occurs (at most three). ``match = min(1, points / 3)``.
2. Each community type of ``community_types.yaml`` is scored as the sum, over the needs, of
   ``weight × best match with a driving need of the type`` (primary ×1, secondary ×0.5; matches below
   0.5 do not count; a match with a library need other than the one the need reads as most counts
   half, so "Leren en ontwikkelen", which also resembles belonging, drives a learning community before a
   place-based one), where a need's
   weight is its intensity score (×2 when the reviewer asked for it, ×0 once it carries an earlier
   concept, so the alternatives differ: ``pick_types``' ``used_factor``).
3. Concepts are picked greedily: the best type, then the best of the rest with the weights updated.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from agents.shared.keywords import stop_words
from artefacts.initiative import Need, NeedsMap
from knowledge.lexicons import load, phrase_pattern

PRIMARY, SECONDARY = 1.0, 0.5
MIN_MATCH = 0.5
OTHER_READING = 0.5  # weight of a need's match with a library need other than its best one
STEM = 5
PHRASE_NOTES_MAX = 3
POINTS_FOR_FULL_MATCH = 3.0
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class LibraryNeed:
    id: str
    title: str
    words: frozenset[str]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class CommunityType:
    id: str
    name: str
    description: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...]

    def role(self, library_id: str) -> float:
        return PRIMARY if library_id in self.primary else SECONDARY if library_id in self.secondary else 0.0


@dataclass(frozen=True)
class Match:
    """How well a need of the map reads as a library need."""

    library_id: str
    title: str
    score: float
    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contribution:
    need_id: str
    library_id: str
    library_title: str
    primary: bool
    value: float


@dataclass
class TypeScore:
    type: CommunityType
    score: float
    contributions: list[Contribution] = field(default_factory=list)


def stems(text: str, language: str) -> set[str]:
    stop = stop_words(language)
    words = (word.lower() for word in _WORD.findall(text))
    return {word[:STEM] for word in words if len(word) >= 4 and word not in stop}


@cache
def library(language: str) -> tuple[LibraryNeed, ...]:
    items = []
    for item in load("community_needs")["needs"]:
        entry = item.get(language) or item["en"]
        text = " ".join([entry["title"], entry["description"], *entry["phrases"]])
        items.append(
            LibraryNeed(item["id"], entry["title"], frozenset(stems(text, language)), tuple(entry["phrases"]))
        )
    return tuple(items)


@cache
def community_types(language: str) -> tuple[CommunityType, ...]:
    types = []
    for item in load("community_types")["types"]:
        entry = item.get(language) or item["en"]
        needs = item["needs"]
        types.append(
            CommunityType(
                item["id"],
                entry["name"],
                entry["description"],
                tuple(needs["primary"]),
                tuple(needs.get("secondary", ())),
            )
        )
    return tuple(types)


def type_names(language: str) -> dict[str, str]:
    return {t.id: t.name for t in community_types(language)}


@cache
def _rarity(language: str) -> dict[str, float]:
    counts = Counter(word for item in library(language) for word in item.words)
    return {word: 1.0 / n for word, n in counts.items()}


def match_need(need: Need, note_texts: dict[str, str], language: str) -> list[Match]:
    """The library needs this need reads as, best first (only those with any match)."""
    own = stems(" ".join([need.title, need.title, need.statement, *need.keywords]), language)
    rarity = _rarity(language)
    texts = [note_texts[note_id] for note_id in need.note_ids if note_id in note_texts]
    matches = []
    for item in library(language):
        shared = sorted(own & item.words)
        pattern = phrase_pattern(item.phrases)
        found = [m.group(0).lower() for text in texts if (m := pattern.search(text))]
        points = sum(rarity[w] for w in shared) + min(len(found), PHRASE_NOTES_MAX)
        if points > 0:
            score = round(min(1.0, points / POINTS_FOR_FULL_MATCH), 3)
            matches.append(Match(item.id, item.title, score, tuple(shared), tuple(dict.fromkeys(found))))
    return sorted(matches, key=lambda m: (-m.score, m.library_id))


def match_needs(needs_map: NeedsMap, language: str) -> dict[str, list[Match]]:
    texts = {note.id: note.text for note in needs_map.notes}
    return {need.id: match_need(need, texts, language) for need in needs_map.needs}


def score_type(kind: CommunityType, matches: dict[str, list[Match]], weights: dict[str, float]) -> TypeScore:
    result = TypeScore(kind, 0.0)
    for need_id, weight in weights.items():
        best: Contribution | None = None
        found = matches.get(need_id, [])
        for match in found:
            role = kind.role(match.library_id) if match.score >= MIN_MATCH else 0.0
            # a need counts fully as what it reads as most, half as anything else it also resembles
            value = weight * match.score * role * (1.0 if match is found[0] else OTHER_READING)
            if role and (best is None or value > best.value):
                best = Contribution(need_id, match.library_id, match.title, role == PRIMARY, round(value, 3))
        if best is not None and best.value > 0:
            result.contributions.append(best)
    result.contributions.sort(key=lambda c: (-c.value, c.need_id))
    result.score = round(sum(c.value for c in result.contributions), 3)
    return result


def pick_types(
    types: Iterable[CommunityType],
    matches: dict[str, list[Match]],
    weights: dict[str, float],
    *,
    first: Iterable[str] = (),
    count: int = 3,
    used_factor: float = 0.5,
    lead_needs: int = 5,
) -> list[TypeScore]:
    """Greedy: the best-scoring type, then the best of the rest once the needs it rests on weigh less.

    Types in ``first`` (the reviewer's wish) are taken first, in that order.
    """
    remaining = list(types)
    weights = dict(weights)
    forced = [t for wanted in first for t in remaining if t.id == wanted]
    chosen: list[TypeScore] = []
    while remaining and len(chosen) < count:
        scored = [score_type(t, matches, weights) for t in remaining]
        if forced:
            best = next(s for s in scored if s.type.id == forced[0].id)
            forced.pop(0)
        else:
            best = max(scored, key=lambda s: (s.score, -remaining.index(s.type)))
        chosen.append(best)
        remaining.remove(best.type)
        for contribution in best.contributions[:lead_needs]:
            weights[contribution.need_id] *= used_factor
    return chosen
