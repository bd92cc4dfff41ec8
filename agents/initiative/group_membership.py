"""Which interviewees form a group, and on what basis: metadata, self-descriptions, or (last) needs.

1. Metadata: the field of :func:`~agents.initiative.people_metadata.grouping_field`; one group per
   value, named after the value.
2. Self-descriptions (:mod:`agents.initiative.self_descriptions`), when no metadata field groups and
   at least two interviewees described themselves: each person's descriptions are embedded and people
   are joined (average linkage) while their similarity stands out from the typical pair's. A group is
   named after the description most of its people gave.
3. Needs: each person joins the need they voice most. Only when neither of the above exists, and the
   artefact says so.

People left without a value or description form one group of "other interviewees".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from agents.initiative.group_names import accents_from, people_name
from agents.initiative.people_metadata import grouping_field, person_metadata
from agents.initiative.self_descriptions import (
    SelfDescription,
    head,
    most_said,
    self_descriptions,
    sharing,
    stage_adjective,
)
from artefacts.catalogue import PerLanguage
from artefacts.initiative import NeedsMap
from artefacts.notes import Interview, Note

Embed = Callable[[list[str]], np.ndarray]
Basis = Literal["metadata", "self_description", "needs"]
LINK = 0.5  # join when a pair's similarity lies at least halfway from the typical pair's to identical
WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("target_groups")


@dataclass
class Membership:
    name: str
    basis: Basis
    people: set[str]
    value: str = ""  # the metadata value or self-description the name comes from
    source_field: str = ""  # the metadata field, for basis "metadata"
    described_as: list[str] = field(default_factory=list)
    note_ids: list[str] = field(default_factory=list)
    rest: bool = False  # the people nothing placed: no value, no self-description, no need


def memberships(
    interviews: list[Interview],
    notes: Sequence[Note],
    needs_map: NeedsMap,
    segment_field: str,
    language: str,
    embed: Embed,
) -> list[Membership]:
    people = list(needs_map.interviewees) or sorted({n.speaker for n in needs_map.notes})
    accents = accents_from(n.text for n in needs_map.notes)
    metadata = person_metadata(interviews, notes)
    chosen = grouping_field(metadata, people, segment_field)
    if chosen is not None:
        return _by_metadata(people, metadata, chosen, language, accents)
    said = self_descriptions(needs_map.notes, language)
    if sum(1 for p in people if said.get(p)) >= 2:
        return _by_self_description(people, said, language, accents, embed)
    return _by_needs(people, needs_map, language)


def _by_metadata(
    people: list[str],
    metadata: dict[str, dict[str, str]],
    chosen: str,
    language: str,
    accents: Mapping[str, str],
) -> list[Membership]:
    groups: dict[str, Membership] = {}
    rest: set[str] = set()
    for person in people:
        value = metadata.get(person, {}).get(chosen, "").strip()
        if not value:
            rest.add(person)
            continue
        key = value.casefold()
        if key not in groups:
            groups[key] = Membership(people_name(value, language, accents), "metadata", set(), value, chosen)
        groups[key].people.add(person)
    return _with_rest(list(groups.values()), rest, "metadata", language)


def _by_self_description(
    people: list[str],
    said: dict[str, list[SelfDescription]],
    language: str,
    accents: Mapping[str, str],
    embed: Embed,
) -> list[Membership]:
    described = [p for p in people if said.get(p)]
    clusters = _link(_person_similarity(described, said, language, embed)) if len(described) > 1 else [[0]]
    merged: dict[str, Membership] = {}
    for cluster in clusters:
        items = [d for i in cluster for d in said[described[i]]]
        group = Membership(
            _self_name(items, len(cluster), language, accents),
            "self_description",
            {described[i] for i in cluster},
            most_said(items),
            described_as=list(dict.fromkeys(d.phrase for d in items)),
            note_ids=list(dict.fromkeys(d.note_id for d in items)),
        )
        kept = merged.setdefault(group.name, group)  # clusters that would carry the same name are one
        if kept is not group:
            kept.people |= group.people
            kept.described_as = list(dict.fromkeys(kept.described_as + group.described_as))
            kept.note_ids = list(dict.fromkeys(kept.note_ids + group.note_ids))
    rest = {p for p in people if not said.get(p)}
    return _with_rest(list(merged.values()), rest, "self_description", language)


def _self_name(items: list[SelfDescription], size: int, language: str, accents: Mapping[str, str]) -> str:
    """The description most of them gave; led by a life stage most of them share ("Retired residents")."""
    phrase = most_said(items)
    if size > 1 and len(sharing(items, phrase)) == 1:  # each said it in their own words: name the kind
        phrase = head(phrase, language)
    for label in dict.fromkeys(d.phrase for d in items):
        adjective = stage_adjective(label, language)
        shared = 2 * len(sharing(items, label)) > size
        if adjective and shared and label != phrase and adjective not in phrase.split():
            return people_name(f"{adjective} {phrase}", language, accents)
    return people_name(phrase, language, accents)


def _person_similarity(
    described: list[str], said: dict[str, list[SelfDescription]], language: str, embed: Embed
) -> np.ndarray:
    """Two people are as alike as their closest self-descriptions; the same role noun counts as the same
    description ("wijkverpleegkundige" and "verpleegkundige")."""
    phrases = list(dict.fromkeys(d.phrase for p in described for d in said[p]))
    index = {phrase: i for i, phrase in enumerate(phrases)}
    vectors = embed(phrases)
    sims = vectors @ vectors.T
    heads = [head(phrase, language) for phrase in phrases]
    sims = np.maximum(sims, np.equal.outer(heads, heads).astype(float))  # same role noun: same kind
    own = [[index[d.phrase] for d in said[p]] for p in described]
    n = len(described)
    out = np.eye(n)
    for a in range(n):
        for b in range(a + 1, n):
            out[a, b] = out[b, a] = float(sims[np.ix_(own[a], own[b])].max())
    return out


def _link(sims: np.ndarray) -> list[list[int]]:
    """Average-linkage groups of people whose similarity stands out from the typical pair's."""
    n = len(sims)
    typical = float((sims.sum() - np.trace(sims)) / (n * (n - 1)))
    floor = typical + LINK * (1.0 - typical)
    clusters = [[i] for i in range(n)]
    while len(clusters) > 1:
        best, pair = -1.0, (0, 0)
        for a in range(len(clusters)):
            for b in range(a + 1, len(clusters)):
                value = float(sims[np.ix_(clusters[a], clusters[b])].mean())
                if value > best:
                    best, pair = value, (a, b)
        if best < floor - 1e-9:
            break
        a, b = pair
        clusters[a] += clusters.pop(b)
    return sorted((sorted(c) for c in clusters), key=lambda c: (-len(c), c))


def _by_needs(people: list[str], needs_map: NeedsMap, language: str) -> list[Membership]:
    words = WORDS.get(language, WORDS["en"])
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for need in needs_map.needs:
        for note_id in need.note_ids:
            counts[needs_map.note(note_id).speaker][need.id] += 1
    titles = {need.id: need.title for need in needs_map.needs}
    groups: dict[str, Membership] = {}
    rest: set[str] = set()
    for person in people:
        if not counts[person]:
            rest.add(person)
            continue
        main = max(counts[person], key=lambda n: (counts[person][n], n))
        name = words["about"].format(title=titles[main][:1].lower() + titles[main][1:])
        groups.setdefault(main, Membership(name, "needs", set(), titles[main])).people.add(person)
    return _with_rest(list(groups.values()), rest, "needs", language)


def _with_rest(groups: list[Membership], rest: set[str], basis: Basis, language: str) -> list[Membership]:
    if rest:
        groups.append(Membership(WORDS.get(language, WORDS["en"])["unknown"], basis, rest, rest=True))
    return groups
