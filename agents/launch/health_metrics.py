"""Health metrics of the community with targets for the first six months, each target justified.

The method measures health, not size: the share of members active in a month, how fast a question gets
an answer, whether new members stay and contribute. Targets come from the project's own evidence:

- **active ratio**: the share of survey respondents willing to take an active role (the go's evidence),
  between 20 % and 60 %; 30 % assumed without a survey;
- **response time**: 24 hours when the manager has the method's eight hours a week and a core group of
  at least four to share the daily round; 48 hours otherwise;
- **retention** (new members still active after 30 days): the share of respondents intrinsically
  motivated (the go/no-go criterion ``motivation``), between 30 % and 70 %; 40 % assumed without it;
- **new contributors** per month: one per two core-group members, who guide them as buddies;
- one metric from the concept's goal, by its community type (shared practice, answered questions…).
"""

from __future__ import annotations

import math

from agents.launch.launch_context import LaunchContext
from artefacts.grounds import Grounds
from artefacts.launch import HealthMetric

ACTIVE_RANGE = (0.2, 0.6)
RETENTION_RANGE = (0.3, 0.7)
ACTIVE_ASSUMED, RETENTION_ASSUMED = 0.3, 0.4
FAST_HOURS, SLOW_HOURS = 24.0, 48.0
FAST_CORE, FAST_MANAGER_HOURS = 4, 8.0


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return round(min(max(value, bounds[0]), bounds[1]) * 20) / 20  # to 5 %


def metrics(ctx: LaunchContext, manager_hours: float) -> list[HealthMetric]:
    return [
        active_ratio(ctx),
        response_time(ctx, manager_hours),
        retention(ctx),
        new_contributors(ctx),
        concept_goal(ctx),
    ]


def _metric(
    ctx: LaunchContext, id: str, target: float, unit: str, every: str, reason: str, grounds: Grounds
) -> HealthMetric:
    return HealthMetric(
        id=id,
        label=str(ctx.words["metrics"][id]["label"]),
        target=target,
        unit=unit,
        how_measured=str(ctx.words["metrics"][id]["measure"]),
        review_every=every,  # type: ignore[arg-type]
        reason=reason,
        grounds=grounds.model_copy(update={"guidance": [*grounds.guidance, *ctx.guidance("metrics")]}),
    )


def active_ratio(ctx: LaunchContext) -> HealthMetric:
    survey = ctx.survey
    if survey is not None and survey.respondents > 0:
        share = survey.willing_to_pull / survey.respondents
        target = _clamp(share, ACTIVE_RANGE)
        reason = ctx.say(
            "reason_active", willing=survey.willing_to_pull, respondents=survey.respondents,
            share=f"{share:.0%}", target=f"{target:.0%}",
        )  # fmt: skip
        grounds = Grounds(artefacts=["survey-results"], survey_items=_role_items(ctx))
    else:
        target = ACTIVE_ASSUMED
        reason = ctx.assume("assumed_active", warn=True, target=f"{target:.0%}")
        grounds = Grounds(assumed=True)
    return _metric(ctx, "active_ratio", target, "share", "month", reason, grounds)


def _role_items(ctx: LaunchContext) -> list[str]:
    survey = ctx.survey
    if survey is None:
        return []
    return [m.item_id for m in survey.mapping if m.item_id and m.block == "role"]


def _items_of(ctx: LaunchContext, columns: list[str]) -> list[str]:
    """The survey items the columns answer (a criterion names the survey's columns, by their headers)."""
    by_column = {m.column: m.stats_id or m.item_id for m in ctx.survey.mapping} if ctx.survey else {}
    return list(dict.fromkeys(by_column.get(column) or column for column in columns))


def response_time(ctx: LaunchContext, manager_hours: float) -> HealthMetric:
    fast = manager_hours >= FAST_MANAGER_HOURS and ctx.core_size >= FAST_CORE
    target = FAST_HOURS if fast else SLOW_HOURS
    key = "reason_response_fast" if fast else "reason_response_slow"
    reason = ctx.say(key, hours=f"{manager_hours:g}", core=ctx.core_size, target=f"{target:g}")
    settings = ["means.hours_per_week"] if ctx.inputs.project.means.hours_per_week is not None else []
    grounds = Grounds(artefacts=["core-group"] if ctx.core_group else [], settings=settings)
    return _metric(ctx, "response_time", target, "hours", "week", reason, grounds)


def retention(ctx: LaunchContext) -> HealthMetric:
    advice = ctx.advice
    found = next((c for c in advice.criteria if c.name == "motivation"), None) if advice else None
    if found is not None and found.observed is not None:
        target = _clamp(found.observed, RETENTION_RANGE)
        reason = ctx.say("reason_retention", motivated=f"{found.observed:.0%}", target=f"{target:.0%}")
        grounds = Grounds(artefacts=["go-no-go-advice"], survey_items=_items_of(ctx, found.columns))
    else:
        target = RETENTION_ASSUMED
        reason = ctx.assume("assumed_retention", warn=True, target=f"{target:.0%}")
        grounds = Grounds(assumed=True)
    return _metric(ctx, "retention", target, "share", "month", reason, grounds)


def new_contributors(ctx: LaunchContext) -> HealthMetric:
    target = float(max(1, math.ceil(ctx.core_size / 2)))
    reason = ctx.say("reason_new_contributors", core=ctx.core_size, target=f"{target:g}")
    grounds = Grounds(artefacts=["core-group"]) if ctx.core_group else Grounds(assumed=True)
    return _metric(ctx, "new_contributors", target, "members", "month", reason, grounds)


def concept_goal(ctx: LaunchContext) -> HealthMetric:
    concept = ctx.concept
    kind = concept.community_type if concept is not None else "interest"
    target = float(max(2, ctx.core_size))
    purpose = concept.purpose.rstrip(".") if concept else ctx.community_name
    reason = ctx.say("reason_goal", purpose=purpose, core=ctx.core_size, target=f"{target:g}")
    grounds = Grounds(
        artefacts=["concept-hypotheses", "core-group"] if concept else [],
        need_ids=concept.need_ids if concept else [],
        settings=["organisation.intentions"] if ctx.inputs.project.organisation.intentions else [],
        assumed=concept is None,
    )
    metric = _metric(
        ctx,
        f"goal_{kind}",
        target,
        str(ctx.words["metrics"][f"goal_{kind}"]["unit"]),
        "quarter",
        reason,
        grounds,
    )
    return metric
