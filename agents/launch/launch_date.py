"""The launch date: a week after the trial run ends, on the first working day that suits an opening.

Rule: the trial's end is the ``end`` of the plan of approach (else the content calendar's, else
``trial_start`` + ``trial_weeks``); seven days follow to evaluate the trial against what it had to show;
then the first Tuesday, Wednesday or Thursday that is no public holiday of the project's country (and
subdivision) and no closing day of the organisation. Mid-week, because a Monday announcement drowns in
the week's start and a Friday one in the weekend.
"""

from __future__ import annotations

import datetime as dt

import holidays

from agents.launch.launch_context import LaunchContext
from agents.shared.phase_inputs import trial_start
from artefacts.grounds import Grounds

EVALUATION_DAYS = 7
OPENING_WEEKDAYS = (1, 2, 3)  # Tuesday, Wednesday, Thursday


def trial_end(ctx: LaunchContext) -> tuple[dt.date, Grounds]:
    if ctx.plan is not None:
        return ctx.plan.end, Grounds(artefacts=["plan-of-approach"])
    if ctx.calendar is not None:
        return ctx.calendar.end, Grounds(artefacts=["content-calendar"])
    project = ctx.inputs.project
    end = trial_start(ctx.inputs) + dt.timedelta(weeks=project.trial_weeks, days=-1)
    ctx.assume("assumed_trial_end", warn=True, date=end.isoformat())
    return end, Grounds(settings=["trial_start", "trial_weeks"])


def closed_days(ctx: LaunchContext, years: list[int]) -> dict[dt.date, str]:
    """Public holidays of the country (and subdivision) and the organisation's own closing days."""
    project = ctx.inputs.project
    found: dict[dt.date, str] = {}
    try:
        found.update(
            holidays.country_holidays(
                project.country, subdiv=project.holidays.subdivision, years=years, language=ctx.language
            )
        )
    except NotImplementedError:
        ctx.assume("assumed_no_holidays", warn=True, country=project.country)
    for day in project.holidays.closed:
        found.setdefault(day, ctx.say("closing_day"))
    return found


def launch_date(ctx: LaunchContext) -> tuple[dt.date, str, Grounds]:
    """The date, why (in the project's language), and what it rests on."""
    end, grounds = trial_end(ctx)
    earliest = end + dt.timedelta(days=EVALUATION_DAYS + 1)
    closed = closed_days(ctx, [earliest.year, earliest.year + 1])
    day, skipped = earliest, []
    while day.weekday() not in OPENING_WEEKDAYS or day in closed:
        if day in closed:
            skipped.append(f"{day.isoformat()} ({closed[day]})")
        day += dt.timedelta(days=1)
    reason = ctx.say("launch_date_reason", end=end.isoformat(), days=EVALUATION_DAYS, date=day.isoformat())
    if skipped:
        reason += " " + ctx.say("launch_date_skipped", days=", ".join(skipped))
    settings = ["country", "holidays.subdivision", "holidays.closed"]
    return day, reason, grounds.model_copy(update={"settings": [*grounds.settings, *settings]})
