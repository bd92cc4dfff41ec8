"""From 'these notes belong together' to a complete Need: voices, intensity, evidence, relations.

Pure computation on notes and their vectors; used by the needs map agent after clustering and after a
reviewer's edits, so both paths produce the same kind of need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from artefacts.base import Quote
from artefacts.initiative import Intensity, IntensityLabel, Need, NoteEntry
from knowledge.lexicons import load, phrase_pattern, words_for

EVIDENCE_MIN, EVIDENCE_MAX = 3, 5
TAKING_PART = ("offers", "refusals", "hedges", "deflecting")  # drive-signal groups about a role, not a need


def centroid(vectors: np.ndarray) -> np.ndarray:
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def quote_of(note: NoteEntry) -> Quote:
    return Quote(
        note_id=note.id,
        text=note.text,
        source=note.source,
        line_start=note.line_start,
        line_end=note.line_end,
        speaker=note.speaker,
    )


def about_taking_part(note: NoteEntry, language: str) -> bool:
    """Whether a statement answers "would you take a role?" (an offer, a refusal, a hedge, a deflection).

    "Ga mij niet vragen om iets te organiseren" says how someone would take part, not what they need: it
    stays in the need's notes but never speaks for the need. Only in role talk (the statement or the
    question before it speaks of a role), so "misschien zijn er ideeën die werken" still counts.
    """
    table = load("drive_signals")
    lang = language if language in table["role_talk"] else "en"
    text = note.text.replace("’", "'")
    roles = phrase_pattern(tuple(table["role_talk"][lang]))
    if not (roles.search(text) or roles.search(note.context)):
        return False
    groups = table["groups"]
    groups = {g["id"]: g for g in groups} if isinstance(groups, list) else groups
    phrases = tuple(p for name in TAKING_PART for p in groups[name].get(lang) or ())
    if phrase_pattern(phrases).search(text):
        return True
    organising = table["organising"]
    first_person = set(organising["first_person"][lang])
    words = set(re.findall(r"[\w']+", text.lower()))
    return bool(words & first_person) and bool(phrase_pattern(tuple(organising["offer"][lang])).search(text))


def central_order(notes: Sequence[NoteEntry], vectors: np.ndarray, language: str = "en") -> list[int]:
    """Indices of the notes, most central first; answers about taking a role last."""
    centre = centroid(vectors)
    closeness = vectors @ centre
    words = np.array([len(note.text.split()) for note in notes])
    off_topic = np.array([about_taking_part(note, language) for note in notes], dtype=bool)
    # Very short notes say little on their own; very long ones make poor quotes.
    fitness = closeness - 0.04 * (words < 8) - 0.03 * (words > 70) - 2.0 * off_topic
    return [int(i) for i in np.argsort(-fitness, kind="stable")]


def representatives(
    notes: Sequence[NoteEntry], vectors: np.ndarray, limit: int = EVIDENCE_MAX, language: str = "en"
) -> list[int]:
    """Indices of the notes closest to the centre, preferring different speakers and fuller statements;
    answers about taking a role only when too few others are left."""
    order = central_order(notes, vectors, language)
    on_topic = [i for i in order if not about_taking_part(notes[i], language)]
    if len(on_topic) >= min(EVIDENCE_MIN, len(order)):
        order = on_topic
    chosen: list[int] = []
    speakers: set[str] = set()
    for index in order:  # first pass: one per speaker
        if notes[index].speaker not in speakers:
            chosen.append(int(index))
            speakers.add(notes[index].speaker)
        if len(chosen) == limit:
            return chosen
    for index in order:  # then fill up
        if int(index) not in chosen:
            chosen.append(int(index))
        if len(chosen) == limit:
            break
    return chosen


def intensity(notes: Sequence[NoteEntry], interviewees: int, language: str) -> Intensity:
    speakers = {note.speaker for note in notes}
    reach = len(speakers) / interviewees if interviewees else 0.0
    depth = len(notes) / len(speakers) if speakers else 0.0
    pattern = phrase_pattern(words_for("emphasis", language))
    emphasis = sum(1 for note in notes if pattern.search(note.text)) / len(notes) if notes else 0.0
    # Reach counts most: a need many people voice; depth and emphasis say how strongly they feel it.
    score = 0.6 * min(1.0, reach * 1.5) + 0.2 * min(1.0, (depth - 1) / 2) + 0.2 * emphasis
    score = float(max(0.0, min(1.0, score)))
    level: IntensityLabel = "high" if score >= 0.55 else "medium" if score >= 0.3 else "low"
    return Intensity(
        score=round(score, 3),
        label=level,
        reach=round(reach, 3),
        depth=round(depth, 2),
        emphasis=round(emphasis, 3),
    )


def profile_need(
    need_id: str,
    notes: Sequence[NoteEntry],
    vectors: np.ndarray,
    *,
    title: str,
    statement: str,
    keywords: list[str],
    interviewees: int,
    language: str,
    origin: str = "clustered",
) -> Need:
    reps = representatives(notes, vectors, language=language)
    centre = centroid(vectors)
    cohesion = float(np.mean(vectors @ centre)) if len(notes) else 0.0
    speakers = sorted({note.speaker for note in notes})
    return Need(
        id=need_id,
        title=title[:90],
        statement=statement[:500],
        keywords=keywords[:12],
        note_ids=[note.id for note in notes],
        voiced_by=speakers,
        intensity=intensity(notes, interviewees, language),
        evidence=[quote_of(notes[i]) for i in reps],
        cohesion=round(cohesion, 3),
        origin=origin,  # type: ignore[arg-type]
    )


def relate(
    needs: list[Need], centres: dict[str, np.ndarray], *, threshold: float = 0.8, most: int = 3
) -> None:
    """Fill ``related`` with the needs whose centres lie close, most similar first."""
    ids = [need.id for need in needs]
    if len(ids) < 2:
        return
    matrix = np.stack([centres[need_id] for need_id in ids])
    sims = matrix @ matrix.T
    for i, need in enumerate(needs):
        order = [j for j in np.argsort(-sims[i]) if j != i and sims[i, j] >= threshold]
        need.related = [ids[j] for j in order[:most]]
