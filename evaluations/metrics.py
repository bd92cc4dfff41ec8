"""Measures of a needs map and a champions list against gold labels."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from artefacts.initiative import Champions, NeedsMap
from artefacts.notes import Note
from evaluations.gold import SMALLTALK, Gold, match_notes

MATCH_F1 = 0.4


class NeedMatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    gold: str
    need: str | None
    f1: float


class NeedsScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    gold_statements: int
    found: int
    ari: float
    nmi: float
    ari_clustered_only: float
    unclustered_share: float
    smalltalk_kept_out: float
    matched: int
    gold_needs: int
    matches: list[NeedMatch]
    needs_found: int


class ChampionsScore(BaseModel):
    model_config = ConfigDict(extra="forbid")
    champion_ranks: dict[str, int]
    decoy_ranks: dict[str, int]
    champions_in_top5: int
    decoys_in_top5: int
    decoys_below_champions: bool


def score_needs(gold: Gold, notes: list[Note], needs_map: NeedsMap) -> NeedsScore:
    need_of = {note_id: need.id for need in needs_map.needs for note_id in need.note_ids}
    pairs = [(s, n) for s, n in match_notes(gold, notes) if n is not None]
    substantive = [(s, n) for s, n in pairs if s.need != SMALLTALK]
    truth = [s.need for s, _ in substantive]
    predicted = [need_of.get(n.id, "-1") for _, n in substantive]
    clustered = [(t, p) for t, p in zip(truth, predicted, strict=True) if p != "-1"]
    small = [n for s, n in pairs if s.need == SMALLTALK]
    kept_out = sum(1 for n in small if n.id not in need_of) / len(small) if small else 1.0
    matches = best_matches(truth, predicted)
    return NeedsScore(
        gold_statements=len([s for s in gold.statements if s.need != SMALLTALK]),
        found=len(substantive),
        ari=round(adjusted_rand_score(truth, predicted), 4) if truth else 0.0,
        nmi=round(normalized_mutual_info_score(truth, predicted), 4) if truth else 0.0,
        ari_clustered_only=round(adjusted_rand_score(*zip(*clustered, strict=True)), 4) if clustered else 0.0,
        unclustered_share=round(predicted.count("-1") / len(predicted), 4) if predicted else 1.0,
        smalltalk_kept_out=round(kept_out, 4),
        matched=sum(1 for m in matches if m.f1 >= MATCH_F1),
        gold_needs=len(gold.needs),
        matches=matches,
        needs_found=len(needs_map.needs),
    )


def best_matches(truth: list[str], predicted: list[str]) -> list[NeedMatch]:
    """For each gold need, the found need with the best F1 over their statements."""
    pairs = Counter(zip(truth, predicted, strict=True))
    gold_sizes, found_sizes = Counter(truth), Counter(predicted)
    result = []
    for gold_need in sorted(gold_sizes):
        best: tuple[float, str | None] = (0.0, None)
        for (g, p), both in pairs.items():
            if g != gold_need or p == "-1":
                continue
            f1 = 2 * both / (gold_sizes[g] + found_sizes[p])
            best = max(best, (f1, p), key=lambda x: x[0])
        result.append(NeedMatch(gold=gold_need, need=best[1], f1=round(best[0], 3)))
    return result


def score_champions(gold: Gold, champions: Champions) -> ChampionsScore:
    rank = {c.source: c.rank for c in champions.champions}
    champion_ranks = {f: rank.get(f, 0) for f in gold.champions}
    decoy_ranks = {f: rank.get(f, 0) for f in gold.decoys}
    worst_champion = max(champion_ranks.values(), default=0)
    return ChampionsScore(
        champion_ranks=champion_ranks,
        decoy_ranks=decoy_ranks,
        champions_in_top5=sum(1 for r in champion_ranks.values() if 0 < r <= 5),
        decoys_in_top5=sum(1 for r in decoy_ranks.values() if 0 < r <= 5),
        decoys_below_champions=all(r > worst_champion for r in decoy_ranks.values()),
    )
