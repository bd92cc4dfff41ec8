"""Suggestions that make a reviewer's hour on the needs map count.

The offline needs map is a first draft on a new domain; its quality comes from the reviewer. Three aids,
all from the notes' vectors and the map as it stands, no model:

- ``closest_needs``: for a note, the two or three needs whose notes it is most like (its own need counted
  without it), so a move is one pick from a short list instead of a search across every column;
- ``review_order``: the notes least sure of their need first (the smallest margin between their need and
  the next best), so the reviewer looks where the draft is most likely wrong;
- ``replace_rest``: after a few moves, the notes the reviewer has not touched are placed again with the
  reviewer's moves as seeds: each need's centre leans towards the notes the reviewer put there (weight
  ``SEED_WEIGHT``) and away from the ones taken out, and an untouched note moves when another need's
  centre is clearly closer than its own (``MARGIN``). Notes the reviewer placed are never moved. Measured
  on the five examples it breaks about as many notes as it fixes (benchmarks/RESULTS.md): offer its moves
  as proposals to accept, never apply them unasked.

``placed`` is what the reviewer decided so far: note id → need id, or None for "not about any need"
(off-topic, unclustered).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from artefacts.initiative import NeedsMap

SEED_WEIGHT = 3.0  # a note the reviewer placed weighs as much as three the draft placed
MARGIN = 0.05  # how much closer another need's centre must be before an untouched note moves to it


def centred(vectors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The notes' embeddings minus their mean, as unit vectors: e5's raw cosines all lie near 0.8, centred
    they tell needs apart (benchmarks/reviewer_actions.py: the three closest needs hold the target of
    61–71 % of the moves, against 50–65 % with the clustering's own features)."""
    ids = list(vectors)
    matrix = np.asarray([vectors[i] for i in ids], dtype=float)
    if len(ids) > 1:
        matrix = matrix - matrix.mean(axis=0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return dict(zip(ids, matrix, strict=True))


@dataclass(frozen=True)
class Suggestion:
    need_id: str
    similarity: float


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def membership(needs_map: NeedsMap, placed: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """Note id → need id (None: unclustered) as the map stands after the reviewer's placements."""
    where: dict[str, str | None] = {entry.id: None for entry in needs_map.notes}
    for need in needs_map.needs:
        for note_id in need.note_ids:
            where[note_id] = need.id
    where.update(placed or {})
    return where


class Centres:
    """Per need, the weighted sum of its notes' unit vectors (seeds weigh more), kept as sums so that one
    note can be left out of its own need's centre cheaply."""

    def __init__(
        self,
        needs_map: NeedsMap,
        vectors: Mapping[str, np.ndarray],
        placed: Mapping[str, str | None] | None = None,
    ) -> None:
        self.placed = dict(placed or {})
        self.where = membership(needs_map, self.placed)
        self.need_ids = [need.id for need in needs_map.needs]
        dim = len(next(iter(vectors.values())))
        self.sums = {need_id: np.zeros(dim) for need_id in self.need_ids}
        self.unit = {note_id: _unit(np.asarray(v, dtype=float)) for note_id, v in vectors.items()}
        for note_id, need_id in self.where.items():
            if need_id in self.sums and note_id in self.unit:
                self.sums[need_id] += self.weight(note_id) * self.unit[note_id]

    def weight(self, note_id: str) -> float:
        return SEED_WEIGHT if note_id in self.placed else 1.0

    def similarities(self, note_id: str) -> dict[str, float]:
        """Cosine of the note with each need's centre, its own need's centre taken without it."""
        vector = self.unit[note_id]
        own = self.where.get(note_id)
        found = {}
        for need_id, total in self.sums.items():
            centre = total - self.weight(note_id) * vector if need_id == own else total
            found[need_id] = float(_unit(centre) @ vector) if np.any(centre) else -1.0
        return found


def closest_needs(
    needs_map: NeedsMap,
    vectors: Mapping[str, np.ndarray],
    note_id: str,
    *,
    k: int = 3,
    placed: Mapping[str, str | None] | None = None,
    centres: Centres | None = None,
) -> list[Suggestion]:
    """The ``k`` needs the note is most like, best first (its own need among them if it is)."""
    centres = centres or Centres(needs_map, vectors, placed)
    ranked = sorted(centres.similarities(note_id).items(), key=lambda pair: pair[1], reverse=True)
    return [Suggestion(need_id, round(score, 4)) for need_id, score in ranked[:k]]


def review_order(
    needs_map: NeedsMap, vectors: Mapping[str, np.ndarray], placed: Mapping[str, str | None] | None = None
) -> list[str]:
    """The clustered notes the reviewer has not placed, least sure of their need first."""
    centres = Centres(needs_map, vectors, placed)
    margins = []
    for note_id, need_id in centres.where.items():
        if need_id is None or note_id in centres.placed or note_id not in centres.unit:
            continue
        scores = centres.similarities(note_id)
        own = scores.pop(need_id)
        margins.append((own - max(scores.values(), default=-1.0), note_id))
    return [note_id for _, note_id in sorted(margins)]


def replace_rest(
    needs_map: NeedsMap,
    vectors: Mapping[str, np.ndarray],
    placed: Mapping[str, str | None],
    *,
    margin: float = MARGIN,
) -> dict[str, str]:
    """Moves for the clustered notes the reviewer has not placed: note id → the need it fits better now
    that the reviewer's placements are seeds. Only notes that change need are returned."""
    centres = Centres(needs_map, vectors, placed)
    moves = {}
    for note_id, need_id in centres.where.items():
        if need_id is None or note_id in placed or note_id not in centres.unit:
            continue
        scores = centres.similarities(note_id)
        best = max(scores, key=lambda candidate: scores[candidate])
        if best != need_id and scores[best] - scores[need_id] > margin:
            moves[note_id] = best
    return moves
