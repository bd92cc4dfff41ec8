"""Go/no-go advice: the survey evidence against the thresholds in ``samen.yaml`` — advice, not the decision.

Criteria and their defaults (override any of them under ``thresholds:`` in samen.yaml):

- ``recognition`` 0.6, ``relevance`` 0.6, ``motivation`` 0.5: the share of respondents who agree (the top
  two of the five-point scale), averaged over the block's Likert items.
- ``role_willingness`` 0.15: the share of respondents choosing one of the two active options of the
  role ladder (contributing, or organising / pulling the cart).
- ``min_pullers`` 5: respondents choosing the ladder's last option (organise, take a pulling role).
- ``min_responses``: the questionnaire's ``sampling.required_responses``.

A share criterion is *met* when its Wilson interval (at the sampling plan's confidence) lies above the
threshold, *not met* when it lies below, and *uncertain* when it straddles it. Counts are met or not.
The recommendation: no-go when neither recognition nor relevance is met; go when every criterion is met;
revise otherwise (a concept that half lands, or evidence too thin to decide on).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist

from artefacts.base import ArtefactMeta
from artefacts.catalogue import PerLanguage
from artefacts.project import Project
from artefacts.survey import (
    Criterion,
    Decision,
    GoNoGoAdvice,
    ItemStats,
    QuestionItem,
    Questionnaire,
    SurveyResults,
    Verdict,
)

DEFAULTS: dict[str, float] = {
    "recognition": 0.6,
    "relevance": 0.6,
    "motivation": 0.5,
    "role_willingness": 0.15,
    "min_pullers": 5,
}
LIKERT_BLOCKS = ("recognition", "relevance", "motivation")
DOMINANT_SEGMENT = 0.7
MANY_BLANKS = 0.2

TEXT: PerLanguage[Mapping[str, str]] = PerLanguage("go_no_go")


def thresholds(project: Project, questionnaire: Questionnaire) -> dict[str, float]:
    """The thresholds in force: samen.yaml's values over the documented defaults."""
    merged = {**DEFAULTS, "min_responses": float(questionnaire.sampling.required_responses)}
    merged.update(project.thresholds.overrides())
    return merged


def wilson(successes: float, n: float, confidence: float = 0.9) -> tuple[float, float]:
    """Wilson score interval for a proportion (``successes`` may be fractional: an averaged share)."""
    if n <= 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def share_verdict(low: float, high: float, threshold: float) -> Verdict:
    if low >= threshold:
        return "met"
    if high < threshold:
        return "not-met"
    return "uncertain"


def advise(results: SurveyResults, questionnaire: Questionnaire, project: Project) -> GoNoGoAdvice:
    words = TEXT.get(project.language, TEXT["en"])
    limits = thresholds(project, questionnaire)
    confidence = questionnaire.sampling.confidence
    stats = {item.item_id: item for item in results.items}
    criteria = [
        _block_criterion(block, questionnaire, stats, limits[block], confidence, words)
        for block in LIKERT_BLOCKS
    ]
    criteria += _role_criteria(questionnaire, results, stats, limits, confidence, words)
    required = limits["min_responses"]
    criteria.append(_count_criterion("min_responses", results.respondents, required, words))
    recommendation, reasoning = _recommend(criteria, words)
    return GoNoGoAdvice(
        meta=ArtefactMeta(
            language=project.language, based_on={"questionnaire": results.questionnaire_version}
        ),
        concept_id=questionnaire.concept_id,
        criteria=criteria,
        caveats=_caveats(results, questionnaire, stats, required, words),
        recommendation=recommendation,
        reasoning=reasoning,
    )


def _block_criterion(
    block: str,
    questionnaire: Questionnaire,
    stats: dict[str, ItemStats],
    threshold: float,
    confidence: float,
    words: Mapping[str, str],
) -> Criterion:
    answered = [
        stats[item.id]
        for item in questionnaire.items
        if item.block == block and item.kind == "likert" and item.id in stats
    ]
    answered = [s for s in answered if s.top2_share is not None and s.n > 0]
    if not answered:
        return Criterion(
            name=block,
            description=words[block],
            threshold=threshold,
            observed=None,
            verdict="uncertain",
            explanation=words["no_data"],
        )
    share = sum(s.top2_share or 0.0 for s in answered) / len(answered)
    n = sum(s.n for s in answered) / len(answered)  # respondents per item: the effective sample
    return _share_criterion(block, share, n, threshold, confidence, words)


def _share_criterion(
    name: str, share: float, n: float, threshold: float, confidence: float, words: Mapping[str, str]
) -> Criterion:
    low, high = wilson(share * n, n, confidence)
    verdict = share_verdict(low, high, threshold)
    explanation = words["share"].format(observed=share, low=low, high=high, n=round(n), threshold=threshold)
    return Criterion(
        name=name,
        description=words[name],
        threshold=threshold,
        observed=round(share, 4),
        ci_low=round(low, 4),
        ci_high=round(high, 4),
        verdict=verdict,
        explanation=f"{explanation}: {words[verdict]}",
    )


def _count_criterion(name: str, observed: int, threshold: float, words: Mapping[str, str]) -> Criterion:
    verdict: Verdict = "met" if observed >= threshold else "not-met"
    explanation = words["count"].format(observed=observed, threshold=threshold)
    return Criterion(
        name=name,
        description=words[name],
        threshold=threshold,
        observed=float(observed),
        verdict=verdict,
        explanation=f"{explanation}: {words[verdict]}",
    )


def role_item(questionnaire: Questionnaire) -> QuestionItem | None:
    """The role-ladder item: options from no role up to organising, in that order."""
    candidates = [item for item in questionnaire.items if item.block == "role" and item.kind == "single"]
    ladder = [item for item in candidates if item.theme == "role-ladder"]
    found = ladder or candidates
    return found[0] if found else None


def _role_criteria(
    questionnaire: Questionnaire,
    results: SurveyResults,
    stats: dict[str, ItemStats],
    limits: dict[str, float],
    confidence: float,
    words: Mapping[str, str],
) -> list[Criterion]:
    item = role_item(questionnaire)
    counts: dict[str, int] = {}
    if item is not None and item.id in stats and stats[item.id].distribution:
        counts = stats[item.id].distribution
    elif results.role_willingness:
        counts = results.role_willingness
    options = item.options if item is not None and len(item.options) >= 2 else list(counts)
    answered = sum(counts.values())
    if not options or answered == 0:
        none = Criterion(
            name="role_willingness",
            description=words["role_willingness"],
            threshold=limits["role_willingness"],
            observed=None,
            verdict="uncertain",
            explanation=words["no_data"],
        )
        return [none, _count_criterion("min_pullers", results.willing_to_pull, limits["min_pullers"], words)]
    active = sum(counts.get(option, 0) for option in options[-2:])
    pullers = counts.get(options[-1], 0)
    share = _share_criterion(
        "role_willingness", active / answered, answered, limits["role_willingness"], confidence, words
    )
    return [share, _count_criterion("min_pullers", pullers, limits["min_pullers"], words)]


def _caveats(
    results: SurveyResults,
    questionnaire: Questionnaire,
    stats: dict[str, ItemStats],
    required: float,
    words: Mapping[str, str],
) -> list[str]:
    caveats = []
    if results.respondents < required:
        caveats.append(words["small"].format(n=results.respondents, required=round(required)))
    total = sum(segment.n for segment in results.segments)
    if total and results.segments:
        top = max(results.segments, key=lambda segment: segment.n)
        if top.n / total > DOMINANT_SEGMENT:
            caveats.append(words["dominant"].format(share=top.n / total, segment=top.segment))
    blank = [
        item.id
        for item in questionnaire.items
        if item.id in stats and item.kind != "open" and _blank_share(stats[item.id]) > MANY_BLANKS
    ]
    if blank:
        caveats.append(words["blanks"].format(limit=MANY_BLANKS, items=", ".join(blank)))
    if results.unmapped_columns:
        caveats.append(
            words["unmapped"].format(columns=", ".join(f"“{c}”" for c in results.unmapped_columns))
        )
    return caveats


def _blank_share(stats: ItemStats) -> float:
    total = stats.n + stats.blanks
    return stats.blanks / total if total else 0.0


def _recommend(criteria: list[Criterion], words: Mapping[str, str]) -> tuple[Decision, str]:
    by_name = {c.name: c for c in criteria}
    names = {
        verdict: [c.name for c in criteria if c.verdict == verdict]
        for verdict in ("met", "not-met", "uncertain")
    }
    listed = {key: ", ".join(value) or words["none"] for key, value in names.items()}
    choice: Decision
    if all(by_name[name].verdict == "not-met" for name in ("recognition", "relevance")):
        choice = "no-go"
    elif not names["not-met"] and not names["uncertain"]:
        choice = "go"
    else:
        choice = "revise"
    text = words[choice].format(met=listed["met"], failed=listed["not-met"], uncertain=listed["uncertain"])
    return choice, f"{text} {words['closing']}"
