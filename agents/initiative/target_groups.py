"""The target groups agent: in which segments do the needs live, and do they fit the plans?

Segments come from interview metadata (the project's segment field); when there is none, interviewees
are grouped by the need they voice most. Fit with the organisation's intentions is the semantic
similarity between each intention and the group's strongest needs, plus whether the organisation named
the segment as intended and whether champions are in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping

import numpy as np

from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.initiative import Champions, NeedsMap, SegmentNeed, TargetGroup, TargetGroups
from artefacts.notes import Interview
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
) -> TargetGroups:
    language = project.language
    words = WORDS.get(language, WORDS["en"])
    field = project.interviews.segment_field
    members, basis = _segments(interviews, needs_map, field, words["unknown"], language)
    need_text = {n.id: f"{n.title}. {n.statement} {' '.join(n.keywords)}" for n in needs_map.needs}
    intentions = project.organisation.intentions
    similarity = _similarity(list(need_text.values()), intentions, embed)
    need_index = {need_id: i for i, need_id in enumerate(need_text)}
    candidates = {c.participant for c in champions.champions if c.candidate} if champions else set()
    targets = {s.lower() for s in project.organisation.target_segments}
    notes_by_speaker: dict[str, int] = defaultdict(int)
    for note in needs_map.notes:
        if note.kind == "statement":
            notes_by_speaker[note.speaker] += 1
    groups: list[TargetGroup] = []
    for name, people in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])):
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
        in_target = name.lower() in targets
        if in_target:
            reasons.append(words["target"])
        group_champions = sorted(p for p in people if p in candidates)
        if group_champions:
            reasons.append(words["champions"].format(n=len(group_champions)))
        fit = 0.6 * semantic + 0.25 * in_target + 0.15 * min(1.0, len(group_champions) / 2)
        groups.append(
            TargetGroup(
                id=f"G{len(groups) + 1}",
                name=name,
                basis=basis,  # type: ignore[arg-type]
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
    return TargetGroups(meta=ArtefactMeta(language=language), groups=groups)


def words_about(title: str, language: str) -> str:
    """A group named by what its people talk about most, never by a need code."""
    words = WORDS.get(language, WORDS["en"])
    return words["about"].format(title=title[:1].lower() + title[1:])


def _segments(interviews: list[Interview], needs_map: NeedsMap, field: str, unknown: str, language: str):
    members: dict[str, set[str]] = defaultdict(set)
    if any(field in interview.metadata for interview in interviews):
        for interview in interviews:
            for person in interview.participants or [interview.participant]:
                members[interview.metadata.get(field) or unknown].add(person)
        return members, "metadata"
    # No segment in the metadata: group people by the need they voice most.
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for need in needs_map.needs:
        for note_id in need.note_ids:
            counts[needs_map.note(note_id).speaker][need.id] += 1
    titles = {need.id: need.title for need in needs_map.needs}
    for person in needs_map.interviewees:
        if counts[person]:
            main = max(counts[person], key=lambda n: (counts[person][n], n))
            members[words_about(titles[main], language)].add(person)
        else:
            members[unknown].add(person)
    return members, "needs"


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


def _similarity(needs: list[str], intentions: list[str], embed: Embed) -> np.ndarray:
    if not needs or not intentions:
        return np.zeros((len(needs), len(intentions)))
    vectors = embed(needs + intentions)
    return vectors[: len(needs)] @ vectors[len(needs) :].T


def _relative(value: float, matrix: np.ndarray) -> float:
    """Place a similarity within the spread of all need–intention similarities (0–1).

    Each embedder has its own band of cosine values; judged against the matrix itself, the fit means
    the same with any of them: 0.5 is a typical pairing, 1 the best pairing there is.
    """
    low, high = float(matrix.min()), float(matrix.max())
    if high - low < 1e-9:
        return 0.5
    return float(min(1.0, max(0.0, (value - low) / (high - low))))
