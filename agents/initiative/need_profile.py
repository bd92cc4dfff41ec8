"""From 'these notes belong together' to a complete Need: voices, intensity, evidence, relations.

Pure computation on notes and their vectors; used by the needs map agent after clustering and after a
reviewer's edits, so both paths produce the same kind of need.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from artefacts.base import Quote
from artefacts.initiative import Intensity, IntensityLabel, Need, NoteEntry
from knowledge.lexicons import phrase_pattern, words_for

EVIDENCE_MIN, EVIDENCE_MAX = 3, 5


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


def representatives(notes: Sequence[NoteEntry], vectors: np.ndarray, limit: int = EVIDENCE_MAX) -> list[int]:
    """Indices of the notes closest to the centre, preferring different speakers and fuller statements."""
    centre = centroid(vectors)
    closeness = vectors @ centre
    words = np.array([len(note.text.split()) for note in notes])
    # Very short notes say little on their own; very long ones make poor quotes.
    fitness = closeness - 0.04 * (words < 8) - 0.03 * (words > 70)
    order = list(np.argsort(-fitness))
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
    reps = representatives(notes, vectors)
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
