"""The scoring matrix of the channel plan: criteria with weights and sources, each option scored 0–1 on
each, and the options a constraint rules out (with the constraint that does).

Rules, in words a reviewer can check:

- habits: 1 when a persona trait names the channel, 0.8 when the organisation uses it already, 0.7 when
  ``samen.yaml`` offers it; else the lower its barrier to join, the better (at most 0.5);
- survey: the share of respondents who chose it, relative to the most chosen channel;
- goals: what it suits (quick questions, deep discussion, events, findable knowledge), weighed by what
  the concept's community type and the organisation's intentions ask;
- upkeep: 1 minus its moderation effort, the more so when the manager has few hours (4 h assumed);
- privacy: members-only and data in the EU (or not stored) score high; weighs double for a support
  community or when a constraint is about privacy;
- cost: 1 minus its cost as a share of the budget (of 3,000 when no budget is set);
- reach: how well it reaches the members' age groups (the survey's age question, else the persona).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agents.strategy.options import ChannelSpec
from agents.strategy.signals import EU_WORDS, Signals
from artefacts.catalogue import PerLanguage
from artefacts.strategy import ScoringCriterion

WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("channel_plan.criteria")
SOURCES: PerLanguage[Mapping[str, str]] = PerLanguage("channel_plan.sources")
BASE_WEIGHTS = {
    "habits": 0.25,
    "survey": 0.2,
    "goals": 0.2,
    "upkeep": 0.1,
    "privacy": 0.1,
    "cost": 0.1,
    "reach": 0.05,
}
NEGATIONS = (
    "geen", "niet", "nooit", "verboden", "zonder", "vermijd", "no", "not", "never", "without", "avoid",
    "banned", "forbidden",
)  # fmt: skip
UNKNOWN_BUDGET = 3000.0


def weights(signals: Signals, community_type: str) -> dict[str, float]:
    raw = dict(BASE_WEIGHTS)
    if not signals.survey_share:
        raw["survey"] = 0.0  # no channel question answered: nothing to weigh
    if community_type == "support" or signals.privacy_constraints:
        raw["privacy"] *= 2
    total = sum(raw.values())
    return {key: round(value / total, 3) for key, value in raw.items()}


def criteria(signals: Signals, community_type: str, language: str) -> list[ScoringCriterion]:
    words, sources = WORDS[language], SOURCES[language]
    return [
        ScoringCriterion(id=key, label=words[key], weight=weight, source=sources[key])
        for key, weight in weights(signals, community_type).items()
    ]


def score(spec: ChannelSpec, signals: Signals) -> dict[str, float]:
    """Each criterion's score of ``spec``, 0–1, rounded to two decimals."""
    top_share = max(signals.survey_share.values(), default=0.0)
    habits = 0.5 * (1 - spec.barrier)
    if spec.id in signals.on_offer:
        habits = 0.7
    if spec.id in signals.uses_already:
        habits = 0.8
    if signals.persona.get(spec.id):
        habits = 1.0
    pressure = min(1.0, 4.0 / max(signals.hours, 0.5))
    budget = signals.budget if signals.budget else UNKNOWN_BUDGET
    privacy = (0.5 if spec.closed else 0.1) + (0.5 if spec.data in ("eu", "none", "org") else 0.1)
    scores = {
        "habits": habits,
        "survey": signals.survey_share.get(spec.id, 0.0) / top_share if top_share else 0.0,
        "goals": sum(weight * spec.suits.get(goal, 0.0) for goal, weight in signals.profile.items()),
        "upkeep": 1 - spec.moderation * pressure,
        "privacy": min(1.0, privacy),
        "cost": max(0.0, 1 - spec.cost_per_year / budget),
        "reach": sum(weight * spec.ages.get(group, 0.0) for group, weight in signals.ages.items()),
    }
    return {key: round(value, 2) for key, value in scores.items()}


def total(scores: Mapping[str, float], criteria: list[ScoringCriterion]) -> float:
    return round(min(1.0, sum(c.weight * scores.get(c.id, 0.0) for c in criteria)), 3)


def excluded_by(spec: ChannelSpec, constraints: list[str]) -> str:
    """The first constraint that rules ``spec`` out: one that names it with a negation ('geen Facebook',
    'no WhatsApp'), or one that asks for data in the EU when its data lives in the US."""
    for constraint in constraints:
        if _negated(constraint) and spec.named_in(constraint):
            return constraint
        if spec.data == "us" and eu_only(constraint):
            return constraint
    return ""


def eu_only(constraint: str) -> bool:
    lowered = constraint.lower()
    return any(re.search(rf"(?<![\w-]){word}(?![\w-])", lowered) for word in EU_WORDS)


def _negated(constraint: str) -> bool:
    lowered = constraint.lower()
    return any(re.search(rf"(?<![\w-]){word}(?![\w-])", lowered) for word in NEGATIONS)
