"""The target groups agent: in which segments do the needs live, and do they fit the plans?

Who is in which group, and its name as people would say it, comes from who the interviewees are
(:mod:`agents.initiative.group_membership`): their metadata, else what they said about themselves, and
only when neither exists the need they voice most (the artefact then warns). Fit with the organisation's intentions is the semantic
similarity between each intention and the group's strongest needs, plus whether the organisation named
the segment as intended and whether champions are in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from agents.initiative.group_membership import memberships
from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Champions, NeedsMap, SegmentNeed, TargetGroup, TargetGroups
from artefacts.notes import Interview, Note
from artefacts.project import Project

Embed = Callable[[list[str]], np.ndarray]
TOP_NEEDS = 5
WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("target_groups")


def draft(
    project: Project,
    interviews: list[Interview],
    needs_map: NeedsMap,
    champions: Champions | None,
    embed: Embed,
    notes: Sequence[Note] = (),
) -> TargetGroups:
    """The target groups; ``notes`` (the corpus's) carry each speaker's own metadata, where there is one."""
    language = project.language
    words = WORDS.get(language, WORDS["en"])
    members = memberships(interviews, notes, needs_map, project.interviews.segment_field, language, embed)
    intentions = project.organisation.intentions
    similarity = _similarity(needs_map, intentions, embed)
    need_index = {need.id: i for i, need in enumerate(needs_map.needs)}
    candidates = {c.participant for c in champions.champions if c.candidate} if champions else set()
    targets = {s.casefold() for s in project.organisation.target_segments}
    notes_by_speaker: dict[str, int] = defaultdict(int)
    for note in needs_map.notes:
        if note.kind == "statement":
            notes_by_speaker[note.speaker] += 1
    groups: list[TargetGroup] = []
    for member in sorted(members, key=lambda m: (-len(m.people), m.name)):
        people = member.people
        top = _top_needs(needs_map, people)
        reasons: list[str] = []
        semantic = 0.0
        if intentions and top:
            pairs = []
            for need in top:
                row = similarity[need_index[need.need_id]]
                best = int(np.argmax(row))
                pairs.append((float(row[best]) * need.share, need.title, intentions[best], float(row[best])))
            pairs.sort(reverse=True)
            semantic = sum(p[0] for p in pairs) / sum(n.share for n in top)
            semantic = _relative(semantic, similarity)
            reasons += [words["intention"].format(need=p[1], intention=p[2], sim=p[3]) for p in pairs[:2]]
        elif not intentions:
            reasons.append(words["no_intentions"])
        in_target = bool({member.name.casefold(), member.value.casefold()} & targets)
        if in_target:
            reasons.append(words["target"])
        group_champions = sorted(p for p in people if p in candidates)
        if group_champions:
            reasons.append(words["champions"].format(n=len(group_champions)))
        fit = 0.6 * semantic + 0.25 * in_target + 0.15 * min(1.0, len(group_champions) / 2)
        groups.append(
            TargetGroup(
                id=f"G{len(groups) + 1}",
                name=member.name,
                basis=member.basis,
                source_field=member.source_field,
                source_value=member.value,
                described_as=member.described_as,
                description_notes=member.note_ids,
                size=len(people),
                participants=sorted(people),
                notes=sum(notes_by_speaker[p] for p in people),
                top_needs=top,
                fit=round(fit, 3),
                fit_label="high" if fit >= 0.6 else "medium" if fit >= 0.35 else "low",
                fit_reasons=reasons,
                in_target_segments=in_target,
                champions=group_champions,
            )
        )
    warnings = [words["needs_basis"]] if groups and all(g.basis == "needs" for g in groups) else []
    warnings += [
        words["undescribed"].format(n=len(m.people), total=len(needs_map.interviewees), name=m.name)
        for m in members
        if m.rest and m.basis != "needs"
    ]
    return TargetGroups(meta=ArtefactMeta(language=language, warnings=warnings), groups=groups)


def _top_needs(needs_map: NeedsMap, people: set[str]) -> list[SegmentNeed]:
    rows = []
    for need in needs_map.needs:
        voices = len(people.intersection(need.voiced_by))
        if voices:
            rows.append(
                SegmentNeed(need_id=need.id, title=need.title, voices=voices, share=voices / len(people))
            )
    rows.sort(key=lambda r: (-r.voices, r.need_id))
    return rows[:TOP_NEEDS]


def _similarity(needs_map: NeedsMap, intentions: list[str], embed: Embed) -> np.ndarray:
    """Cosine of each need to each of the organisation's intentions. A need is the centre of what its
    notes say (their vectors are in the cache already), not a text of its own: the need's description
    changes with every interview added (its counts, its quotes) and would be embedded again each time."""
    needs = needs_map.needs
    if not needs or not intentions:
        return np.zeros((len(needs), len(intentions)))
    text_of = {note.id: note.text for note in needs_map.notes}
    texts_of = [
        [text_of[i] for i in n.note_ids if i in text_of] or [f"{n.title}. {n.statement}"] for n in needs
    ]
    vectors = np.asarray(embed([t for texts in texts_of for t in texts] + intentions), dtype=np.float64)
    centres, start = [], 0
    for texts in texts_of:  # one call for all: a cache lookup with the project's embedder, one batch without
        centre = vectors[start : start + len(texts)].mean(axis=0)
        centres.append(centre / (np.linalg.norm(centre) or 1.0))
        start += len(texts)
    return np.vstack(centres) @ vectors[start:].T


def _relative(value: float, matrix: np.ndarray) -> float:
    """Place a similarity within the spread of all need–intention similarities (0–1).

    Each embedder has its own band of cosine values; judged against the matrix itself, the fit means
    the same with any of them: 0.5 is a typical pairing, 1 the best pairing there is.
    """
    low, high = float(matrix.min()), float(matrix.max())
    if high - low < 1e-9:
        return 0.5
    return float(min(1.0, max(0.0, (value - low) / (high - low))))
