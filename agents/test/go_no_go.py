"""Go/no-go advice: the survey evidence against the thresholds in ``samen.yaml`` — advice, not the decision.

Criteria and their defaults (override any of them under ``thresholds:`` in samen.yaml):

- ``recognition`` 0.6, ``relevance`` 0.6, ``motivation`` 0.5: the share of respondents who agree (the top
  two of the five-point scale), averaged over the block's Likert items.
- ``role_willingness`` 0.15: the share of respondents choosing one of the two active options of the
  role ladder (contributing, or organising / pulling the cart).
- ``min_pullers`` 5: respondents choosing the ladder's last option (organise, take a pulling role).
- ``min_responses``: the questionnaire's ``sampling.required_responses``.

A criterion whose evidence no column supplies (no mapped column for the block, no role column) is
*missing*: it names what kind of column would supply it and is never judged at 0 %.

A share criterion is *met* when its Wilson interval (at the sampling plan's confidence) lies above the
threshold, *not met* when it lies below, and *uncertain* when it straddles it. Counts are met or not.
The recommendation: no-go when neither recognition nor relevance is met; revise when a judged criterion is
not met; *incomplete* when evidence is missing and nothing judged fails (it says what is missing); go when
every criterion is met; revise otherwise (evidence too thin to decide on).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist
from typing import Literal

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

SUPPLY = {
    "recognition": "supply_recognition",
    "relevance": "supply_relevance",
    "motivation": "supply_motivation",
    "role_willingness": "supply_role_willingness",
    "min_pullers": "supply_min_pullers",
}
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
        _block_criterion(block, questionnaire, results, stats, limits[block], confidence, words)
        for block in LIKERT_BLOCKS
    ]
    criteria += _role_criteria(questionnaire, results, stats, limits, confidence, words)
    required = limits["min_responses"]
    criteria.append(_count_criterion("min_responses", results.respondents, required, words))
    recommendation, reasoning = _recommend(criteria, words)
    gaps = [c for c in criteria if c.verdict == "missing"]
    warnings = [
        words["missing_warning"].format(criterion=c.description, explanation=c.explanation) for c in gaps
    ]
    return GoNoGoAdvice(
        meta=ArtefactMeta(
            language=project.language,
            based_on={"questionnaire": results.questionnaire_version},
            warnings=[*results.meta.warnings, *warnings],
        ),
        concept_id=questionnaire.concept_id,
        criteria=criteria,
        caveats=_caveats(results, questionnaire, stats, required, words),
        recommendation=recommendation,
        reasoning=reasoning,
    )


def fed_by(results: SurveyResults, block: str, questionnaire: Questionnaire) -> dict[str, str]:
    """Stats id → column, for the mapped columns that serve ``block`` (old results: by item id)."""
    blocks = {item.id: item.block for item in questionnaire.items}
    if not results.mapping:  # results without a mapping (older versions, built in code): every item counted
        counted = {stats.item_id for stats in results.items}
        return {i: i for i, b in blocks.items() if b == block and i in counted}
    found = {}
    for m in results.mapping:
        stats_id = m.stats_id or m.item_id
        if stats_id and m.block != "ignore" and (m.block or blocks.get(stats_id)) == block:
            found[stats_id] = m.column
    return found


def missing(name: str, threshold: float, words: Mapping[str, str]) -> Criterion:
    return Criterion(
        name=name,
        description=words[name],
        threshold=threshold,
        observed=None,
        verdict="missing",
        explanation=words["missing"].format(supply=words[SUPPLY[name]]),
    )


def _block_criterion(
    block: str,
    questionnaire: Questionnaire,
    results: SurveyResults,
    stats: dict[str, ItemStats],
    threshold: float,
    confidence: float,
    words: Mapping[str, str],
) -> Criterion:
    columns = fed_by(results, block, questionnaire)
    if not columns:
        return missing(block, threshold, words)
    answered = [
        stats[i] for i in columns if i in stats and stats[i].top2_share is not None and stats[i].n > 0
    ]
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
    found = _share_criterion(block, share, n, threshold, confidence, words)
    found.columns = [columns[s.item_id] for s in answered]
    return found


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
    columns = fed_by(results, "role", questionnaire)
    if item is not None and item.id not in columns:
        return [
            missing("role_willingness", limits["role_willingness"], words),
            missing("min_pullers", limits["min_pullers"], words),
        ]
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
    pull = _count_criterion("min_pullers", pullers, limits["min_pullers"], words)
    share.columns = pull.columns = [columns[item.id]] if item is not None and item.id in columns else []
    return [share, pull]


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


def _recommend(
    criteria: list[Criterion], words: Mapping[str, str]
) -> tuple[Decision | Literal["incomplete"], str]:
    by_name = {c.name: c for c in criteria}
    names = {
        verdict: [c.name for c in criteria if c.verdict == verdict]
        for verdict in ("met", "not-met", "uncertain", "missing")
    }
    listed = {key: ", ".join(value) or words["none"] for key, value in names.items()}
    choice: Decision | Literal["incomplete"]
    if all(by_name[name].verdict == "not-met" for name in ("recognition", "relevance")):
        choice = "no-go"
    elif names["not-met"]:
        choice = "revise"
    elif names["missing"]:
        choice = "incomplete"
    elif not names["uncertain"]:
        choice = "go"
    else:
        choice = "revise"
    text = words[choice].format(
        met=listed["met"], failed=listed["not-met"], uncertain=listed["uncertain"], missing=listed["missing"]
    )
    if names["missing"] and choice != "incomplete":
        text += " " + words["also_missing"].format(missing=listed["missing"])
    return choice, f"{text} {words['closing']}"
