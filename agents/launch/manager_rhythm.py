"""The community manager's weekly rhythm after the launch, and the monthly and quarterly moments.

Rules (the method's weekly rhythm, fitted to the project): Monday a welcome to new members and the
week's opening question; every working day a quarter of an hour through the channels; Wednesday a
check-in with core-group members; Friday the signals for the organisation and a short look back; each
weekly ritual of the charter on its own day; and the plan of approach's rhythm items that are the
manager's. The sum is held against ``means.hours_per_week`` (the method counts on at least eight hours
a week in the first six months): a rhythm that does not fit, or too few hours, is a warning.
"""

from __future__ import annotations

from agents.launch.launch_context import LaunchContext
from artefacts.grounds import Grounds
from artefacts.launch import Moment
from artefacts.plan import RhythmItem

METHOD_HOURS = 8.0
ROUND_MINUTES = 15
RITUAL_MINUTES = 45
MANAGER_WORDS = ("manager", "beheerder", "coördinator", "coordinator")


def hours(ctx: LaunchContext) -> float:
    given = ctx.inputs.project.means.hours_per_week
    if given is None:
        ctx.assume("assumed_hours", warn=True, hours=f"{METHOD_HOURS:g}")
        return METHOD_HOURS
    if given < METHOD_HOURS:
        ctx.warnings.append(ctx.say("few_hours", hours=f"{given:g}", method=f"{METHOD_HOURS:g}"))
    return given


def weekly_rhythm(ctx: LaunchContext) -> list[RhythmItem]:
    who = ctx.manager
    items = [RhythmItem(weekday=0, what=ctx.say("rhythm_monday"), who=who, minutes=30)]
    items += [
        RhythmItem(weekday=day, what=ctx.say("rhythm_round"), who=who, minutes=ROUND_MINUTES)
        for day in range(5)
    ]
    items.append(RhythmItem(weekday=2, what=ctx.say("rhythm_core_check_in"), who=who, minutes=30))
    items.append(RhythmItem(weekday=4, what=ctx.say("rhythm_friday"), who=who, minutes=30))
    charter = ctx.charter
    for ritual in charter.rituals if charter else []:
        if ritual.cadence in ("daily", "weekly") and ritual.weekday is not None:
            what = ctx.say("rhythm_ritual", ritual=ritual.name)
            items.append(RhythmItem(weekday=ritual.weekday, what=what, who=who, minutes=RITUAL_MINUTES))
    for item in ctx.plan.weekly_rhythm if ctx.plan else []:
        mine = who.lower() in item.who.lower() or any(w in item.who.lower() for w in MANAGER_WORDS)
        if mine and not any(i.weekday == item.weekday and i.what == item.what for i in items):
            items.append(item.model_copy(update={"who": who}))
    return sorted(items, key=lambda i: i.weekday)


def fit_rhythm(ctx: LaunchContext, items: list[RhythmItem], budget_hours: float) -> int:
    """Minutes the rhythm takes; a warning when it needs more than the hours given."""
    minutes = sum(item.minutes or 0 for item in items)
    if minutes > budget_hours * 60:
        ctx.warnings.append(
            ctx.say("rhythm_too_long", needed=f"{minutes / 60:.1f}", hours=f"{budget_hours:g}")
        )
    return minutes


def moments(ctx: LaunchContext) -> list[Moment]:
    guide = Grounds(guidance=ctx.guidance("rhythm"))
    route = ctx.brief.route if ctx.brief else []
    receiver = next((s.who for s in route if s.who and s.who.lower() != ctx.manager.lower()), "")
    signals = ctx.say("moment_signals_to", who=receiver) if receiver else ctx.say("moment_signals")
    return [
        Moment(every="month", what=ctx.say("moment_figures"), who=ctx.manager, grounds=guide),
        Moment(every="month", what=signals, who=ctx.manager, grounds=guide),
        Moment(every="quarter", what=ctx.say("moment_quarter"), who=ctx.manager, grounds=guide),
    ]
