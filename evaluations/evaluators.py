"""One small evaluator per assertion type; each returns a score and whether it passed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from artefacts.initiative import Champions, NeedsMap
from evaluations.cases import Assertion
from evaluations.gold import Gold
from evaluations.metrics import ChampionsScore, NeedsScore, score_champions, score_needs
from evaluations.phase1 import Phase1
from knowledge.language import detect_language


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    passed: bool
    score: float | None = None
    detail: str = ""


@dataclass
class Subject:
    """What a case produced, with the gold scores computed once."""

    result: Phase1
    gold: Gold | None

    def __post_init__(self) -> None:
        self.needs: NeedsScore | None = None
        self.champions: ChampionsScore | None = None
        if self.gold is not None:
            self.needs = score_needs(self.gold, self.result.corpus.notes, self.result.needs_map)
            self.champions = score_champions(self.gold, self.result.champions)


def _at_least(kind: str, score: float, a: Assertion, detail: str = "") -> Outcome:
    threshold = a.threshold if a.threshold is not None else 0.0
    return Outcome(
        type=kind, passed=score >= threshold, score=round(score, 4), detail=detail or f"≥ {threshold}"
    )


def _at_most(kind: str, score: float, a: Assertion) -> Outcome:
    threshold = a.threshold if a.threshold is not None else 1.0
    return Outcome(type=kind, passed=score <= threshold, score=round(score, 4), detail=f"≤ {threshold}")


def ari(s: Subject, a: Assertion) -> Outcome:
    assert s.needs is not None
    return _at_least("ari", s.needs.ari, a)


def nmi(s: Subject, a: Assertion) -> Outcome:
    assert s.needs is not None
    return _at_least("nmi", s.needs.nmi, a)


def needs_matched(s: Subject, a: Assertion) -> Outcome:
    assert s.needs is not None
    return _at_least(
        "needs-matched", s.needs.matched, a, f"{s.needs.matched}/{s.needs.gold_needs} gold needs"
    )


def unclustered_share(s: Subject, a: Assertion) -> Outcome:
    assert s.needs is not None
    return _at_most("unclustered-share", s.needs.unclustered_share, a)


def smalltalk_kept_out(s: Subject, a: Assertion) -> Outcome:
    assert s.needs is not None
    return _at_least("smalltalk-kept-out", s.needs.smalltalk_kept_out, a)


def quotes_grounded(s: Subject, a: Assertion) -> Outcome:
    needs_map: NeedsMap = s.result.needs_map
    texts = {note.id: " ".join(note.text.split()) for note in needs_map.notes}
    quotes = [(q.note_id, " ".join(q.text.split())) for need in needs_map.needs for q in need.evidence]
    bad = [f"{n}: {q[:40]}" for n, q in quotes if n not in texts or q not in texts[n]]
    share = 1 - len(bad) / len(quotes) if quotes else 1.0
    return Outcome(
        type="quotes-grounded", passed=not bad, score=share, detail="; ".join(bad[:3]) or "all verbatim"
    )


def output_language(s: Subject, a: Assertion) -> Outcome:
    needs_map = s.result.needs_map
    text = " ".join(f"{n.title}. {n.statement}" for n in needs_map.needs)
    found = detect_language(text, default="?") if text else "?"
    expected = str(a.value or s.result.project.language)
    ok = found == expected and needs_map.meta.language == expected
    return Outcome(type="output-language", passed=ok, detail=f"detected {found}, expected {expected}")


def schema_valid(s: Subject, a: Assertion) -> Outcome:
    errors = []
    for model, artefact in ((NeedsMap, s.result.needs_map), (Champions, s.result.champions)):
        try:
            model.model_validate_json(artefact.model_dump_json())
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            errors.append(f"{model.__name__}: {exc}")
    return Outcome(type="schema-valid", passed=not errors, detail="; ".join(errors)[:300] or "valid")


def champions_top(s: Subject, a: Assertion) -> Outcome:
    assert s.champions is not None
    top = int(a.value or 5)
    ranks = s.champions.champion_ranks
    inside = sum(1 for r in ranks.values() if 0 < r <= top)
    return Outcome(
        type="champions-top",
        passed=inside == len(ranks),
        score=inside,
        detail=f"ranks {sorted(ranks.values())}",
    )


def decoys_below_champions(s: Subject, a: Assertion) -> Outcome:
    assert s.champions is not None
    return Outcome(
        type="decoys-below-champions",
        passed=s.champions.decoys_below_champions,
        detail=f"decoy ranks {sorted(s.champions.decoy_ranks.values())}",
    )


EVALUATORS: dict[str, Callable[[Subject, Assertion], Outcome]] = {
    "ari": ari,
    "nmi": nmi,
    "needs-matched": needs_matched,
    "unclustered-share": unclustered_share,
    "smalltalk-kept-out": smalltalk_kept_out,
    "quotes-grounded": quotes_grounded,
    "output-language": output_language,
    "schema-valid": schema_valid,
    "champions-top": champions_top,
    "decoys-below-champions": decoys_below_champions,
}
